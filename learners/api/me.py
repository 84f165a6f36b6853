"""`/api/v1/me/`: the caller's own account and enrolments. There is no way
to name another learner here: everything is read through `request.auth`."""

from datetime import datetime

from ninja import Query, Router, Schema

from courses.outline import courses_by_id, syllabuses_of
from home.api_errors import refusals
from home.api_pages import PageQuery, page_of

from ..models import Enrollment, LessonProgress, Profile
from ..services import CourseProgress
from .security import LEARNER

router = Router(tags=["Me"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 422)


class MeOut(Schema):
    id: int
    email: str
    name: str
    time_zone: str
    date_joined: datetime


class CourseRef(Schema):
    id: int
    title: str
    url: str


class EnrollmentOut(Schema):
    id: int
    course: CourseRef
    status: str
    source: str
    enrolled_at: datetime
    completed_at: datetime | None
    lessons_completed: int
    lessons_total: int
    percent: int


class EnrollmentPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[EnrollmentOut]


@router.get("/", response={200: MeOut, **REFUSALS}, summary="The caller's account")
def me(request):
    user = request.auth
    profile = Profile.objects.filter(user=user).first()
    return MeOut(
        id=user.pk,
        email=user.email,
        name=profile.name if profile else (user.get_full_name() or user.email),
        time_zone=profile.time_zone if profile else "UTC",
        date_joined=user.date_joined,
    )


@router.get(
    "/enrollments/",
    response={200: EnrollmentPage, **REFUSALS},
    summary="The caller's enrolments, most recently active first",
)
def enrollments(
    request, query: Query[PageQuery], status: Enrollment.Status | None = None
):
    """With each course's progress, as the dashboard counts it. `status`
    filters by `active`, `completed`, `cancelled`, `refunded` or the
    other statuses of an enrolment."""
    rows = Enrollment.objects.filter(user=request.auth).order_by("-updated_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    page, count = page_of(rows, query)
    return EnrollmentPage(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=enrollment_items(page, request),
    )


def enrollment_items(enrollments, request):
    """Courses and syllabuses from the worker's memory, and the completed
    lessons of the whole page in one query."""
    courses = courses_by_id({e.course_id for e in enrollments})
    syllabuses = syllabuses_of(list(courses.values()))
    completed = {e.pk: set() for e in enrollments}
    done = LessonProgress.objects.filter(
        enrollment__in=enrollments, status=LessonProgress.Status.COMPLETED
    ).values_list("enrollment_id", "lesson_id")
    for enrollment_id, lesson_id in done:
        completed[enrollment_id].add(lesson_id)
    items = []
    for enrollment in enrollments:
        course, syllabus = (
            courses[enrollment.course_id],
            syllabuses[enrollment.course_id],
        )
        progress = CourseProgress(
            completed=len(completed[enrollment.pk] & syllabus.lesson_ids),
            total=syllabus.lesson_count,
        )
        items.append(
            EnrollmentOut(
                id=enrollment.pk,
                course=CourseRef(
                    id=course.pk, title=course.title, url=course.get_full_url(request)
                ),
                status=enrollment.status,
                source=enrollment.source,
                enrolled_at=enrollment.enrolled_at,
                completed_at=enrollment.completed_at,
                lessons_completed=progress.completed,
                lessons_total=progress.total,
                percent=progress.percent,
            )
        )
    return items
