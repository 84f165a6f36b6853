"""The learner's side of the SCORM player: the values a SCO launches with
(asked by the player for the token's learner) and the lesson page's commits
of CMI data, as JSON with the CSRF header or, when the page is closing, as a
beacon's form with the CSRF field."""

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.utils.translation import gettext as _

from home.json_input import BadJson, parse_json, read_json_object
from lessons.models import LessonPage

from . import services
from .access import lesson_access
from .models import Enrollment, LessonProgress
from .services import scorm
from .services.requirements import lesson_state
from .views import BadPayload, login_needed, refusal

MAX_COMMIT_BYTES = 256 * 1024


def scorm_launch(user, lesson_id, block_id, sco, *, start=True):
    """The flattened CMI values for the player's page, or 404 when the
    access policy says no. `start`: the SCO's launch file, which starts a
    session; the SCO's other pages only read."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise Http404
    try:
        return scorm.launch(user, lesson, block_id, sco, start=start)
    except services.NotEnrolled:
        # Its instructor or staff trying the lesson: it plays, nothing is kept.
        if not lesson_access(user, lesson).allowed:
            raise Http404 from None
        try:
            return scorm.preview(user, lesson, block_id, sco)
        except services.LearningError:
            raise Http404 from None
    except services.LearningError:
        raise Http404 from None


def commit_scorm(request, lesson, block_id):
    """POST <lesson>/scorm/<block>/commit/: {"sco", "cmi", "final"}."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    try:
        payload = _commit_payload(request)
        sco = payload.get("sco")
        if not isinstance(sco, str) or not sco or len(sco) > 200:
            raise BadPayload(_("Say which activity of the package this is for."))
        record = scorm.commit(
            request.user,
            lesson,
            block_id,
            sco,
            payload.get("cmi"),
            final=payload.get("final") is True,
        )
    except services.LearningError as error:
        return refusal(request, error, lesson=lesson, as_json=True)
    progress = LessonProgress.objects.filter(
        enrollment_id=record.enrollment_id, lesson=lesson
    ).first()
    enrollment = Enrollment.objects.get(pk=record.enrollment_id)
    return JsonResponse(
        {
            "result": True,
            "errorCode": 0,
            "sco": {
                "id": sco,
                "completed": record.completed,
                "success": record.success,
            },
            **lesson_state(enrollment, lesson, progress),
        }
    )


def _commit_payload(request):
    try:
        if request.content_type == "application/json":
            return read_json_object(request, max_bytes=MAX_COMMIT_BYTES)
        # A beacon from the closing page: the same object in form fields.
        cmi = parse_json(
            request.POST.get("cmi", "{}").encode(), max_bytes=MAX_COMMIT_BYTES
        )
    except BadJson as error:
        raise BadPayload(error.message) from error
    return {
        "sco": request.POST.get("sco"),
        "cmi": cmi,
        "final": request.POST.get("final") == "true",
    }
