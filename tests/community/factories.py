"""Courses with people in them, and questions asked through the service."""

from community import services
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory


def course_with_lessons(catalogue, slug="guitar"):
    course = CoursePageFactory(parent=catalogue, slug=slug, title=slug.title())
    section = SectionPageFactory(parent=course, slug="basics")
    LessonPageFactory(parent=section, slug="tuning", title="Tuning")
    LessonPageFactory(parent=section, slug="chords", title="Chords")
    return course


def member(course, **fields):
    user = learner(**fields)
    enrolled(user, course)
    return user


def asked(user, course, title="How do I tune?", body="Which string first?", **kw):
    return services.ask_question(user, course, title=title, body=body, **kw)
