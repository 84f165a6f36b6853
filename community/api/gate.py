"""The door every community endpoint goes through: the live course, if the
access rule lets the caller take part in it."""

from django.utils.translation import gettext as _

from courses.models import CoursePage
from home.api_errors import ApiError
from learners.access import community_access

from ..models import Question


def find_course(course_id):
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None:
        raise ApiError(404, _("There is no such course."))
    return course


def open_course(user, course_id):
    """(course, access); 403 with the rule's reason as the code when the
    caller may not take part."""
    course = find_course(course_id)
    access = community_access(user, course)
    if not access.allowed:
        raise ApiError(403, str(access.message), code=access.reason)
    return course, access


def open_question(user, question_id):
    """(question, access): a question of a course the caller takes part in;
    a hidden one only for those who moderate it."""
    question = (
        Question.objects.select_related("author__profile", "lesson", "course")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise ApiError(404, _("There is no such question."))
    _course, access = open_course(user, question.course_id)
    if question.is_hidden and not access.moderates:
        raise ApiError(404, _("There is no such question."))
    return question, access
