"""Where a learner goes next: a locked next lesson says why instead of being a
link, and a completed course offers its certificate."""

import re

import pytest

from learners import services
from learners.services.certificates import issue_certificate
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(
        parent=catalogue, slug="knots", title="Knots", sequential_lessons=True
    )
    section = SectionPageFactory(parent=course, slug="s")
    LessonPageFactory(parent=section, slug="one", title="Reef knot")
    LessonPageFactory(parent=section, slug="two", title="Bowline")
    return course


@pytest.fixture
def member(client, course):
    user = learner(username="sailor")
    enrolled(user, course)
    client.force_login(user)
    return user


def test_a_locked_next_lesson_says_what_opens_it_instead_of_linking(
    client, course, member
):
    html = client.get("/courses/knots/s/one/").content.decode()

    assert "Opens when you complete this lesson." in html
    assert 'href="/courses/knots/s/two/"' not in re.sub(
        r'<nav aria-label="Course syllabus">.*?</nav>', "", html, flags=re.S
    )


def test_an_open_next_lesson_is_a_link(client, course, member):
    client.post("/courses/knots/s/one/complete/")

    html = client.get("/courses/knots/s/one/").content.decode()

    assert 'rel="next" href="/courses/knots/s/two/"' in html


def test_a_completed_course_offers_its_certificate_not_the_sequence_hint(
    client, course, member
):
    for lesson in course.syllabus.lessons:
        services.complete_lesson(member, lesson)
    certificate = issue_certificate(member.enrollments.get().pk)

    html = client.get("/courses/knots/").content.decode()

    assert "Download your certificate" in html
    assert f"/certificates/{certificate.pk}/download/" in html
    assert certificate.verification_code in html
    assert "Lessons open one after another" not in html
