"""Views for taking quizzes and handing in assignments; rules are in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from home.files import private_file_response
from home.roles import is_staff_member

from .models import SubmissionFile
from .services import LearningError, quizzes
from .services import assignments as assignment_services
from .views import BadPayload, login_needed, read_payload, refusal


def _post_from_learner(request, lesson):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    return None


def start_quiz(request, lesson, block_id):
    """POST <lesson>/quiz/<block>/start/: open an attempt (or the open one)."""
    if (early := _post_from_learner(request, lesson)) is not None:
        return early
    try:
        quizzes.start_attempt(request.user, lesson, block_id)
    except LearningError as error:
        return refusal(request, error, lesson=lesson)
    return redirect(f"{lesson.url}#block-{block_id}")


def save_quiz(request, lesson, block_id):
    """POST <lesson>/quiz/<block>/save/: autosave, JSON {attempt, answers}."""
    if (early := _post_from_learner(request, lesson)) is not None:
        return early
    try:
        payload = read_payload(request)
        answers = payload.get("answers")
        if not isinstance(answers, dict):
            raise BadPayload(_("Send the answers as an object."))
        attempt = quizzes.save_answers(request.user, _attempt_id(payload), answers)
    except LearningError as error:
        return refusal(request, error, lesson=lesson, as_json=True)
    return JsonResponse({"saved_at": attempt.answers_saved_at.isoformat()})


def submit_quiz(request, lesson, block_id):
    """POST <lesson>/quiz/<block>/submit/: grade the attempt on the server."""
    if (early := _post_from_learner(request, lesson)) is not None:
        return early
    try:
        attempt_id = _attempt_id(request.POST)
        answers = {
            key[2:]: request.POST.getlist(key)
            for key in request.POST
            if key.startswith("q-")
        }
        attempt = quizzes.submit_attempt(request.user, attempt_id, answers)
    except LearningError as error:
        return refusal(request, error, lesson=lesson)
    if attempt.shows_score:
        text = (
            _("Passed with %(pct)s%%.")
            if attempt.passed
            else _("%(pct)s%%: not passed yet.")
        )
        messages.info(request, text % {"pct": attempt.percent})
    else:
        messages.info(request, _("Your answers are in."))
    return redirect(f"{lesson.url}#block-{block_id}")


def _attempt_id(data):
    try:
        return int(data.get("attempt"))
    except (TypeError, ValueError) as error:
        raise BadPayload(
            _("Which attempt is this? The form is missing its attempt.")
        ) from error


def submit_assignment(request, lesson, block_id):
    """POST <lesson>/assignment/<block>/submit/: text and files, checked first."""
    if (early := _post_from_learner(request, lesson)) is not None:
        return early
    try:
        assignment_services.submit_assignment(
            request.user,
            lesson,
            block_id,
            request.POST.get("text", ""),
            request.FILES.getlist("files"),
        )
    except LearningError as error:
        return refusal(request, error, lesson=lesson)
    messages.success(request, _("Handed in. Your instructor will grade it."))
    return redirect(f"{lesson.url}#block-{block_id}")


@login_required
def submission_file(request, pk):
    """A submitted file, for its learner, the course's instructor and staff only."""
    user = request.user
    files = SubmissionFile.objects.select_related(
        "submission__enrollment", "submission__enrollment__course"
    )
    if not is_staff_member(user):
        files = files.filter(
            Q(submission__enrollment__user=user)
            | Q(submission__enrollment__course__instructor=user)
        )
    item = get_object_or_404(files, pk=pk)
    if not item.file.storage.exists(item.file.name):
        raise Http404
    return private_file_response(item.file, item.original_name)
