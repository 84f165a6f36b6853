"""Learner-facing views: enrol, open and complete lessons, report progress,
the dashboard and the profile. Every rule lives in services and access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.outline import live_lesson
from courses.translations import in_language, learning_lesson
from home.form_input import row_id
from home.json_input import BadJson, bounded_number, read_json_object
from home.languages import remember_copies
from home.routing import passes_view_restrictions
from lessons.tool_tokens import launch_urls

from . import services
from .assessments import LessonAssessments
from .dashboard import course_state, dashboard_for
from .extensions import achievements, organisations
from .forms import ProfileForm
from .models import ApiDevice, Enrollment, LessonProgress, Profile
from .services import activity, api_tokens
from .services.certificates import fill_in_names
from .services.programmes import programmes_of
from .services.requirements import lesson_state, requirement_states

MAX_PAYLOAD_BYTES = 4096


class BadPayload(services.LearningError):
    status_code = 400


# Course and lesson routes ------------------------------------------------------


def enroll_in_course(request, course):
    """POST /courses/<course>/enroll/: free enrolment (in the chosen
    cohort, if the course runs them), then the next lesson."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    try:
        outcome = services.enroll(
            request.user,
            course,
            Enrollment.Source.FREE,
            cohort_id=row_id(request.POST.get("cohort")),
        )
    except services.LearningError as error:
        return refusal(request, error, course=course)
    if outcome.created:
        messages.success(request, _("You are enrolled. Enjoy the course!"))
    elif outcome.reactivated:
        messages.success(
            request, _("Welcome back: your progress is just as you left it.")
        )
    else:
        messages.info(request, _("You are already enrolled in this course."))
    # Back to the language the learner enrolled in (the records are the
    # original course's).
    state_lesson = in_language(services.next_lesson_for(outcome.enrollment))
    return redirect(state_lesson.url if state_lesson else in_language(course).url)


def open_lesson(request, lesson):
    """The lesson page; opening it counts as starting it for an enrolled
    learner. A translated lesson shows its own content and records on the
    original (`learning_lesson`)."""
    context = lesson.get_context(request)
    access = context["access"]
    if access is not None and access.allowed:
        learned = learning_lesson(lesson)
        context["tool_launch_urls"] = launch_urls(request.user, learned)
        progress = services.start_lesson(request.user, learned, access=access)
        context["progress"] = progress
        if progress is not None:
            context["assessments"] = LessonAssessments(progress.enrollment, learned)
            context["requirement_states"] = requirement_states(
                progress.enrollment, learned
            )
    return TemplateResponse(request, lesson.get_template(request), context)


def mark_lesson_complete(request, lesson):
    """POST <lesson>/complete/: the learner's "mark complete" button."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    try:
        _check_identity(read_payload(request), request.user, lesson)
        progress = services.complete_lesson(request.user, lesson, manual=True)
    except services.LearningError as error:
        return refusal(request, error, lesson=lesson)
    if wants_json(request):
        return JsonResponse(progress_json(progress, lesson))
    messages.success(request, _("Lesson complete."))
    following = in_language(lesson.course.syllabus.neighbours(lesson)[1])
    return redirect(following.url if following else in_language(lesson.course).url)


@require_POST
def lesson_progress(request, lesson_id):
    """POST /lessons/<id>/progress/: the address the lesson page's heartbeat
    uses. The same reports as `<lesson>/progress/`, found by the lesson's id
    instead of a walk down the page tree (an eighth of a beat's cost)."""
    lesson = live_lesson(lesson_id)
    if lesson is None:
        return JsonResponse({"error": _("There is no such lesson.")}, status=404)
    if not passes_view_restrictions(request, lesson):
        return JsonResponse({"error": _("This lesson is restricted.")}, status=403)
    return report_lesson_progress(request, learning_lesson(lesson))


def report_lesson_progress(request, lesson):
    """POST <lesson>/progress/: time heartbeats, and a video's watched segments
    (JSON: block_id, segments [[start, end], ...], duration, position)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    try:
        payload = read_payload(request)
        _check_identity(payload, request.user, lesson)
        if "segments" in payload:
            _watch, progress = activity.record_video_watch(
                request.user,
                lesson,
                str(payload.get("block_id", "")),
                segments=payload["segments"],
                duration=payload.get("duration"),
                position=payload.get("position", 0),
            )
        else:
            # A heartbeat changes no requirement, so its answer reads none.
            progress = services.record_progress(
                request.user, lesson, seconds=_number(payload, "seconds")
            )
            return JsonResponse(progress_json(progress, lesson, requirements=False))
    except services.LearningError as error:
        return refusal(request, error, lesson=lesson, as_json=True)
    return JsonResponse(progress_json(progress, lesson))


def progress_json(progress, lesson, *, requirements=True):
    """The lesson's state after a report: its requirements, done or to do. A
    heartbeat (`requirements=False`) changes no completion, so its answer
    leaves out what only completions change."""
    if not requirements:
        return {
            "lesson_completed": progress.is_completed,
            "watched_percent": progress.video_watched_percent,
            "time_spent_seconds": progress.time_spent_seconds,
        }
    course = services.course_progress(progress.enrollment)
    return {
        **lesson_state(progress.enrollment, lesson, progress),
        "watched_percent": progress.video_watched_percent,
        "time_spent_seconds": progress.time_spent_seconds,
        "course_percent": course.percent,
        "course_completed": progress.enrollment.status == Enrollment.Status.COMPLETED,
    }


# Payload checks -----------------------------------------------------------------


def wants_json(request):
    return request.content_type == "application/json" or "application/json" in (
        request.headers.get("Accept", "")
    )


def read_payload(request):
    """The report: form fields, or a JSON object read through the one bounded
    reader (size, nesting and number limits)."""
    if request.content_type != "application/json":
        # Form fields are already parsed (and size-capped) by Django.
        return request.POST.dict()
    if len(request.body) > MAX_PAYLOAD_BYTES:
        raise BadPayload(_("The report is too large."))
    try:
        return read_json_object(request, max_bytes=MAX_PAYLOAD_BYTES)
    except BadJson as error:
        raise BadPayload(error.message) from error


def _check_identity(payload, user, lesson):
    """Refuse reports that name another user or another lesson than the URL's."""
    for key in ("user", "user_id"):
        if key in payload and str(payload[key]) != str(user.pk):
            raise BadPayload(_("You can only record your own progress."))
    for key in ("lesson", "lesson_id"):
        if key in payload and str(payload[key]) != str(lesson.pk):
            raise BadPayload(_("This report is for a different lesson."))


def _number(payload, key, high=10**6):
    try:
        number = bounded_number(payload.get(key), key, high=high)
    except BadJson as error:
        raise BadPayload(error.message) from error
    return None if number is None else int(number)


def login_needed(request, lesson):
    """The answer to a learner action by someone not logged in: a 401 for
    the page's scripts, the login page otherwise."""
    if wants_json(request):
        return JsonResponse({"error": _("Log in to save your progress.")}, status=401)
    return redirect_to_login(lesson.url)


def refusal(request, error, *, course=None, lesson=None, as_json=False):
    """A clear 4xx that says why and what to do next; nothing was written."""
    if as_json or wants_json(request):
        return JsonResponse({"error": error.message}, status=error.status_code)
    context = {
        "message": error.message,
        "course": course or (lesson.course if lesson else None),
        "lesson": lesson,
        "needs_verification": isinstance(error, services.EmailNotVerified),
    }
    return render(request, "learners/refusal.html", context, status=error.status_code)


# Dashboard and profile ----------------------------------------------------------


@login_required
def dashboard(request):
    board = dashboard_for(request.user)
    programmes = programmes_of(request.user, *read_by(board))
    # Each page is linked in the reader's language: their addresses are
    # read together (nothing, once this worker holds them).
    remember_copies(
        [
            *board.pages(),
            *(item.programme for item in programmes),
            *(item.next_step.course for item in programmes if item.next_step),
        ]
    )
    context = {
        "dashboard": board,
        # Today in the learner's time zone (the middleware activates it).
        "achievements": achievements.for_dashboard(request.user, timezone.localdate()),
        "managed_organisations": organisations.managed_by(request.user),
        "programmes": programmes,
    }
    return render(request, "learners/dashboard.html", context)


def read_by(board):
    """The learner's enrolments and lessons done per course, as the
    dashboard read them, for their programmes' progress."""
    items = (*board.in_progress, *board.completed, *board.inactive)
    enrollments = {item.course.pk: item.enrollment for item in items}
    lessons = {
        item.course.pk: (item.progress.completed, item.progress.total) for item in items
    }
    return enrollments, lessons


@login_required
def enrollment_detail(request, pk):
    """One course's lesson-by-lesson progress; another learner's gives 404."""
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("course"), pk=pk, user=request.user
    )
    state = course_state(request.user, enrollment.course)
    return render(
        request,
        "learners/enrollment_detail.html",
        {"enrollment": enrollment, "state": state},
    )


@login_required
@require_POST
def leave(request, pk):
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("course"), pk=pk, user=request.user
    )
    try:
        services.leave_course(request.user, enrollment.course)
    except services.LearningError as error:
        return refusal(request, error, course=enrollment.course)
    messages.success(
        request,
        _("You left “%(course)s”. Your progress is kept if you come back.")
        % {"course": enrollment.course.title},
    )
    return redirect("learners:dashboard")


@login_required
def profile(request):
    profile, _created = Profile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        fill_in_names(request.user)
        request.session["time_zone"] = profile.time_zone
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    apps = ApiDevice.objects.filter(user=request.user, ended_at__isnull=True)
    return render(
        request,
        "learners/profile.html",
        {"form": form, "profile": profile, "apps": apps.order_by("-last_used_at")},
    )


@login_required
@require_POST
def log_out_app(request, device_id):
    """POST /accounts/profile/apps/<id>/log-out/: end one of my app log-ins."""
    if not api_tokens.end_device(
        device_id, ApiDevice.Ended.REVOKED, user_id=request.user.pk
    ):
        raise Http404
    messages.success(request, _("That app is logged out."))
    return redirect("profile")


# H5P activities -------------------------------------------------------------------


def report_h5p_statement(request, lesson, block_id):
    """POST <lesson>/h5p/<block>/xapi/: an xAPI statement from the H5P player."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    try:
        statement = read_payload(request)
        event = activity.record_h5p_statement(
            request.user, lesson, block_id, statement, view=request.GET.get("view", "")
        )
    except services.LearningError as error:
        return refusal(request, error, lesson=lesson, as_json=True)
    progress = (
        LessonProgress.objects.filter(enrollment__user=request.user, lesson=lesson)
        .select_related("enrollment")
        .first()
    )
    # A statement can arrive before the lesson has a progress row (the
    # learner answered without the page reporting time first).
    enrollment = (
        progress.enrollment
        if progress
        else Enrollment.objects.filter(user=request.user, course=lesson.course).first()
    )
    state = lesson_state(enrollment, lesson, progress)
    return JsonResponse({"recorded": event is not None, **state})


def h5p_user_state(request, lesson, block_id):
    """GET/POST <lesson>/h5p/<block>/state/: the learner's saved place in an H5P
    activity, in the shape H5P's contentUserData calls expect."""
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    try:
        if request.method == "POST":
            activity.save_h5p_state(
                request.user, lesson, block_id, request.POST.get("data", "")
            )
            return JsonResponse({"success": True})
        state = activity.h5p_state(request.user, lesson, block_id)
    except services.LearningError as error:
        return refusal(request, error, lesson=lesson, as_json=True)
    return JsonResponse({"success": True, "data": state or False})
