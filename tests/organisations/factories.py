"""Organisations with managers, members and seats, for tests."""

from organisations.models import Membership, Organisation
from organisations.services.seats import add_seats
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory


def organisation(slug, **fields):
    return Organisation.objects.create(name=slug.title(), slug=slug, **fields)


def person_in(org, role=Membership.Role.MEMBER, **fields):
    user = learner(**fields)
    Membership.objects.create(organisation=org, user=user, role=role)
    return user


def manager_of(org, **fields):
    return person_in(org, Membership.Role.MANAGER, **fields)


def course_with_lessons(catalogue, slug, lessons=2, **fields):
    course = CoursePageFactory(
        parent=catalogue, slug=slug, title=slug.title(), **fields
    )
    section = SectionPageFactory(parent=course)
    for number in range(lessons):
        LessonPageFactory(parent=section, slug=f"{slug}-{number}")
    return course


def licence(org, course, seats):
    return add_seats(org, course, seats)
