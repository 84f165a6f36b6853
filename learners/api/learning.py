"""The learner's actions through the API: enrolling in a free course,
completing a lesson and reporting time and video progress. Each calls the
service the page calls, with the same caps and the same refusals."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from courses.models import public_courses
from courses.translations import learning_course
from home.api_errors import refusals
from home.api_pages import InputSchema, RowId

from .. import services
from ..models import Enrollment
from ..services import activity
from ..views import progress_json
from .gate import find_lesson
from .idempotency import idempotent
from .me import EnrollmentOut, enrollment_items
from .security import LEARNER

router = Router(tags=["Learning"], auth=LEARNER)

# A position in a video, in seconds.
Second = Annotated[float, Field(ge=0, le=10**6)]

REFUSALS = refusals(400, 401, 403, 404, 409, 422)


class RequirementOut(Schema):
    id: str
    done: bool
    detail: str


class ProgressOut(Schema):
    lesson_completed: bool
    watched_percent: int
    time_spent_seconds: int
    course_percent: int | None = Field(
        None, description="Left out of a time-only heartbeat's answer."
    )
    course_completed: bool | None = None
    requirements: list[RequirementOut] | None = None


class ProgressIn(InputSchema):
    """A time heartbeat (`seconds`), or a video's watched segments."""

    seconds: int | None = Field(
        None, ge=0, le=10**6, description="Seconds since the last beat (capped)."
    )
    block_id: str = Field("", max_length=64)
    segments: list[tuple[Second, Second]] | None = Field(None, max_length=1000)
    duration: float | None = Field(None, gt=0, le=10**6)
    position: float = Field(0, ge=0, le=10**6)


@router.post(
    "/courses/{course_id}/enroll/",
    response={200: EnrollmentOut, 201: EnrollmentOut, **REFUSALS},
    summary="Enrol in a free course",
)
@idempotent
def enroll(
    request,
    course_id: RowId,
    cohort: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
):
    """201 with the new enrolment; 200 when the caller was already enrolled
    (or came back to the enrolment they had left). In a course that runs
    cohorts, `cohort` picks one (else the next with seats); 409 when none
    has room, 403 while a required course is not completed."""
    # A translated copy's id enrols in the course itself.
    course = learning_course(get_object_or_404(public_courses(), pk=course_id))
    outcome = services.enroll(
        request.auth, course, Enrollment.Source.FREE, cohort_id=cohort
    )
    (item,) = enrollment_items([outcome.enrollment], request)
    return Status(201 if outcome.created else 200, item)


@router.post(
    "/lessons/{lesson_id}/complete/",
    response={200: ProgressOut, **REFUSALS},
    summary="Mark a lesson complete",
)
def complete(request, lesson_id: RowId):
    """For lessons that complete by hand; others answer 409 and say what
    they ask for instead."""
    lesson = find_lesson(lesson_id)
    progress = services.complete_lesson(request.auth, lesson, manual=True)
    return progress_json(progress, lesson)


@router.post(
    "/lessons/{lesson_id}/progress/",
    response={200: ProgressOut, **REFUSALS},
    summary="Report time spent or a video's watched segments",
)
def progress(request, lesson_id: RowId, body: ProgressIn):
    """As the lesson page's heartbeat: each beat adds at most the time that
    really passed since the previous one; watched segments count only what
    was watched."""
    lesson = find_lesson(lesson_id)
    if body.segments is not None:
        _watch, record = activity.record_video_watch(
            request.auth,
            lesson,
            body.block_id,
            segments=[list(segment) for segment in body.segments],
            duration=body.duration,
            position=body.position,
        )
        return progress_json(record, lesson)
    record = services.record_progress(request.auth, lesson, seconds=body.seconds or 0)
    return progress_json(record, lesson, requirements=False)
