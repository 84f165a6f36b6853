"""What the course and lesson pages show of the learner: filled into the
pages through `lessons.seams.learner_side` (see learners/apps.py)."""

from courses.translations import learning_lesson
from home.page_cache import replay_later

from .access import lesson_access
from .dashboard import course_state
from .pageviews import count_course_view
from .services.activity import video_positions


def lesson_context(request, lesson, course, following):
    """The sidebar, the access answer for this lesson and the next, and where
    each video stopped."""
    state = course_state(request.user, course, focus=lesson) if course else None
    access = (
        state.access.for_lesson(lesson)
        if state
        else lesson_access(request.user, lesson)
    )
    return {
        "sidebar": state,
        "sidebar_sections": state.sections_around(lesson) if state else [],
        "course_access": state.access if state else None,
        "access": access,
        # A locked next lesson is not a link: the page says what opens it.
        "next_lesson_access": (
            state.access.decide(following) if state and following else None
        ),
        "video_positions": (
            video_positions(access.enrollment, learning_lesson(lesson))
            if lesson.video_block_ids
            else {}
        ),
    }


def course_context(request, course):
    """The visitor's state in the course; a view is counted (not a preview)."""
    if not getattr(request, "is_preview", False):
        count_course_view(course.pk)
        # A visitor's copy from the page cache counts its view as well.
        replay_later(request, "course_view", course.pk)
    return {"state": course_state(request.user, course)}
