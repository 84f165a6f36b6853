"""The door every assessment endpoint goes through: the lesson, if the one
access policy lets the caller in."""

from typing import Annotated

from django.http import Http404
from ninja import Path

from courses.outline import live_lesson
from courses.translations import learning_lesson
from home.api_errors import ApiError

from ..access import lesson_access

# A block's id in a path, as the editor makes them.
BlockId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


def find_lesson(lesson_id):
    """The live lesson with this id (404 when there is none), as its records
    know it: a translated copy's id reaches the original's records."""
    lesson = live_lesson(lesson_id)
    if lesson is None:
        raise Http404
    return learning_lesson(lesson)


def open_lesson(user, lesson_id):
    """(lesson, the policy's answer); refused with the policy's reason as
    the code (403) when the caller may not open it, 404 when it is not live."""
    lesson = find_lesson(lesson_id)
    answer = lesson_access(user, lesson)
    if not answer.allowed:
        raise ApiError(403, str(answer.message), code=answer.reason)
    return lesson, answer
