"""The instructor's side of the API: the courses they teach, each course's
learners with their progress, the gradebook, and enrolling people by
e-mail. Staff see every course; an instructor their own, as in the admin
workspace; any other course is a 404."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from home.api_errors import refusals
from home.api_pages import InputSchema, PageQuery, RowId, page_of

from ..admin_helpers import courses_taught_by
from ..gradebook import Gradebook
from ..services import CourseProgress
from ..services.roster import MAX_ROWS, course_roster, enrol_emails
from .idempotency import idempotent
from .security import LEARNER

router = Router(tags=["Teaching"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 422)


class TaughtCourseOut(Schema):
    id: int
    title: str
    url: str
    live: bool


class TaughtCoursePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[TaughtCourseOut]


class LearnerRowOut(Schema):
    enrollment_id: int
    user_id: int
    name: str
    email: str
    status: str
    source: str
    enrolled_at: datetime
    completed_at: datetime | None
    lessons_completed: int
    lessons_total: int
    percent: int
    last_activity: datetime | None
    quiz_average: Decimal | None = Field(
        description="Percent, over submitted attempts."
    )


class LearnerPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[LearnerRowOut]


class AssessmentOut(Schema):
    lesson_id: int
    lesson_title: str
    block_id: str
    kind: str = Field(description="quiz or assignment.")
    title: str


class GradebookRowOut(Schema):
    enrollment_id: int
    name: str
    email: str
    percent: int
    last_activity: datetime | None
    scores: list[str] = Field(description="One per assessment, in their order.")


class GradebookOut(Schema):
    assessments: list[AssessmentOut]
    count: int
    page: int
    page_size: int
    items: list[GradebookRowOut]


class EnrolIn(InputSchema):
    emails: list[Annotated[str, Field(max_length=254)]] = Field(
        min_length=1,
        max_length=MAX_ROWS,
        description="Each is checked on its own: a bad one gets its own line "
        "in the answer and does not stop the others.",
    )


class EnrolRowOut(Schema):
    line: int
    email: str
    ok: bool
    message: str


class EnrolOut(Schema):
    enrolled_or_already: int
    items: list[EnrolRowOut]


def _taught(request, course_id):
    return get_object_or_404(courses_taught_by(request.auth), pk=course_id)


def _name(user):
    return user.get_full_name() or user.email or user.username


@router.get(
    "/teaching/courses/",
    response={200: TaughtCoursePage, **REFUSALS},
    summary="The courses the caller teaches (all of them, for staff)",
)
def taught_courses(request, query: Query[PageQuery]):
    page, count = page_of(courses_taught_by(request.auth), query)
    return TaughtCoursePage(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[
            TaughtCourseOut(
                id=course.pk,
                title=course.title,
                url=course.get_full_url(request) or "",
                live=course.live,
            )
            for course in page
        ],
    )


@router.get(
    "/teaching/courses/{course_id}/learners/",
    response={200: LearnerPage, **REFUSALS},
    summary="A course's learners with their progress",
)
def learners(request, course_id: RowId, query: Query[PageQuery]):
    """As the learners page of the admin: by name, with progress, last
    activity and the average quiz grade, in a fixed number of queries."""
    course = _taught(request, course_id)
    rows, total = course_roster(course)
    page, count = page_of(rows, query)
    return LearnerPage(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[_learner_row(row, total) for row in page],
    )


def _learner_row(row, total):
    done = row.lessons_completed or 0
    return LearnerRowOut(
        enrollment_id=row.pk,
        user_id=row.user_id,
        name=_name(row.user),
        email=row.user.email,
        status=row.status,
        source=row.source,
        enrolled_at=row.enrolled_at,
        completed_at=row.completed_at,
        lessons_completed=done,
        lessons_total=total,
        percent=CourseProgress(done, total).percent,
        last_activity=row.last_activity,
        quiz_average=row.quiz_average,
    )


@router.get(
    "/teaching/courses/{course_id}/gradebook/",
    response={200: GradebookOut, **REFUSALS},
    summary="A course's gradebook: learners by assessments",
)
def gradebook(
    request,
    course_id: RowId,
    query: Query[PageQuery],
    sort: Literal["name", "progress", "activity"] = "name",
):
    """`sort`: name, progress or activity. The scores are as the gradebook
    page and its CSV show them."""
    course = _taught(request, course_id)
    book = Gradebook(course, sort=sort)
    start = (query.page - 1) * query.page_size
    rows = book.rows[start : start + query.page_size]
    return GradebookOut(
        assessments=[
            AssessmentOut(
                lesson_id=item.lesson.pk,
                lesson_title=item.lesson.title,
                block_id=item.block_id,
                kind=item.kind,
                title=item.title,
            )
            for item in book.assessments
        ],
        count=len(book.rows),
        page=query.page,
        page_size=query.page_size,
        items=[
            GradebookRowOut(
                enrollment_id=row.enrollment.pk,
                name=row.name,
                email=row.learner.email,
                percent=book.percent(row),
                last_activity=row.last_activity,
                scores=[str(row.scores.get(a.key, "")) for a in book.assessments],
            )
            for row in rows
        ],
    )


@router.post(
    "/teaching/courses/{course_id}/enrollments/",
    response={200: EnrolOut, **REFUSALS},
    summary="Enrol people in a course by e-mail",
)
@idempotent
def enrol(request, course_id: RowId, body: EnrolIn):
    """Each address that belongs to an account is enrolled (or already
    was); every address gets a line saying what happened to it."""
    course = _taught(request, course_id)
    report = enrol_emails(course, list(enumerate(body.emails, 1)))
    return EnrolOut(
        enrolled_or_already=sum(row.ok for row in report),
        items=[
            EnrolRowOut(line=row.line, email=row.email, ok=row.ok, message=row.message)
            for row in report
        ],
    )
