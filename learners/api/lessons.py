"""`/api/v1/lessons/{id}/`: a lesson as the page shows it to the caller. The
access policy decides, as for the page: the blocks for someone it lets in, a
teaser with the reason for anyone else, a 404 where the page is one."""

from django.http import Http404
from ninja import Field, Router, Schema

from home.api_errors import refusals
from home.api_pages import RowId
from lessons.blocks.api import lesson_blocks
from lessons.h5p_player import player_url
from lessons.tool_tokens import launch_urls

from .. import services
from ..access import Reason, lesson_access
from .gate import find_lesson
from .security import ANYONE, OPTIONAL_AUTH

router = Router(tags=["Lessons"], auth=ANYONE)

REFUSALS = refusals(400, 401, 404, 422)


class Ref(Schema):
    id: int
    title: str


class BlockOut(Schema):
    id: str
    type: str = Field(
        description="video, rich_text, markdown, code, pdf, quiz, assignment, "
        "h5p, scorm or ai_tool."
    )
    value: dict = Field(description="The block's fields, by its type.")


class LessonOut(Schema):
    id: int
    title: str
    url: str
    summary: str
    estimated_minutes: int | None
    free_preview: bool
    course: Ref
    previous: Ref | None
    next: Ref | None
    access: str = Field(description="full, teaser or locked.")
    reason: str
    message: str = Field(description="Why, in words, when it is not full.")
    blocked_by: Ref | None
    completed: bool
    blocks: list[BlockOut] | None = Field(
        description="The lesson's content; null unless access is full."
    )


def ref(page):
    return Ref(id=page.pk, title=page.title) if page else None


@router.get(
    "/{lesson_id}/",
    response={200: LessonOut, **REFUSALS},
    summary="A lesson, as the caller may see it",
    openapi_extra=OPTIONAL_AUTH,
)
def lesson(request, lesson_id: RowId):
    """Opening a lesson in full counts as starting it, as on the page."""
    lesson = find_lesson(lesson_id)
    user = request.auth
    answer = lesson_access(user, lesson)
    if answer.reason == Reason.UNPUBLISHED:
        raise Http404  # the page is not there either
    course = lesson.course
    previous, following = course.syllabus.neighbours(lesson)
    blocks = None
    if answer.allowed:
        services.start_lesson(user, lesson, access=answer)
        context = {
            "request": request,
            "launch_urls": launch_urls(user, lesson),
            "player_url": player_url(request),
        }
        blocks = lesson_blocks(lesson.body, context)
    progress = answer.progress
    return LessonOut(
        id=lesson.pk,
        title=lesson.title,
        url=lesson.get_full_url(request),
        summary=lesson.summary,
        estimated_minutes=lesson.estimated_minutes,
        free_preview=lesson.free_preview,
        course=ref(course),
        previous=ref(previous),
        next=ref(following),
        access=answer.level,
        reason=answer.reason,
        message="" if answer.allowed else str(answer.message),
        blocked_by=ref(answer.blocking_lesson),
        completed=bool(progress and progress.status == progress.Status.COMPLETED),
        blocks=blocks,
    )
