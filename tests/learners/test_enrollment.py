"""Enrolment: one row per learner and course, made only through the service."""

import threading

import pytest
from django.db import connection
from django.test import Client

from learners import services
from learners.access import lesson_access
from learners.models import Enrollment, LessonProgress
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Knitting", slug="knitting")
    section = SectionPageFactory(parent=course, slug="basics")
    LessonPageFactory(parent=section, title="Casting on", slug="cast-on")
    LessonPageFactory(parent=section, title="Purl stitch", slug="purl")
    return course


@pytest.fixture
def student(client):
    user = learner(username="ana")
    client.force_login(user)
    return user


def test_enrolling_in_a_free_course_lands_on_the_first_lesson(client, course, student):
    response = client.post("/courses/knitting/enroll/")

    assert response.status_code == 302
    assert response.url == "/courses/knitting/basics/cast-on/"
    enrollment = Enrollment.objects.get(user=student, course=course)
    assert (enrollment.status, enrollment.source) == ("active", "free")


def test_enrolling_twice_keeps_one_enrolment_and_says_so(client, course, student):
    client.post("/courses/knitting/enroll/")

    response = client.post("/courses/knitting/enroll/", follow=True)

    assert Enrollment.objects.filter(user=student).count() == 1
    assert "You are already enrolled in this course." in response.content.decode()


def test_enrolment_only_answers_post(client, course, student):
    assert client.get("/courses/knitting/enroll/").status_code == 405
    assert not Enrollment.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, course):
    response = client.post("/courses/knitting/enroll/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/courses/knitting/")
    assert not Enrollment.objects.exists()


def test_an_unverified_email_cannot_enrol(client, course):
    client.force_login(UserFactory(username="unverified"))

    response = client.post("/courses/knitting/enroll/")

    assert response.status_code == 403
    assert (
        "Please verify your e-mail address before you enrol."
        in response.content.decode()
    )
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("pricing", [("paid", 2500), ("subscription", 0)])
def test_paid_and_subscription_courses_cannot_be_enrolled_for_free(
    client, catalogue, student, pricing
):
    pricing_type, price = pricing
    CoursePageFactory(
        parent=catalogue, slug="premium", pricing_type=pricing_type, price=price
    )

    response = client.post("/courses/premium/enroll/")

    assert response.status_code == 403
    assert "This course is not free" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_a_draft_course_is_not_open_for_enrolment(catalogue):
    draft = CoursePageFactory(parent=catalogue, slug="draft", live=False)

    with pytest.raises(services.CourseNotOpen):
        services.enroll(learner(), draft, Enrollment.Source.FREE)
    assert not Enrollment.objects.exists()


def test_leaving_and_coming_back_keeps_the_same_enrolment_and_progress(course):
    user = learner()
    enrollment = enrolled(user, course)
    first = course.syllabus.lessons[0]
    services.complete_lesson(user, first)

    services.leave_course(user, course)
    enrollment.refresh_from_db()
    assert enrollment.status == "cancelled"
    assert not lesson_access(user, first).allowed

    outcome = services.enroll(user, course, Enrollment.Source.FREE)

    assert outcome.reactivated and outcome.enrollment.pk == enrollment.pk
    assert outcome.enrollment.status == "active"
    assert LessonProgress.objects.get(enrollment=enrollment, lesson=first).is_completed


def test_leaving_a_course_you_are_not_in_is_refused(course):
    with pytest.raises(services.NotEnrolled):
        services.leave_course(learner(), course)


def test_a_completed_course_stays_completed_after_leaving_and_returning(course):
    user = learner()
    enrolled(user, course)
    for lesson in course.syllabus.lessons:
        services.complete_lesson(user, lesson)
    services.leave_course(user, course)

    outcome = services.enroll(user, course, Enrollment.Source.FREE)

    assert outcome.enrollment.status == "completed"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_enrolments_make_exactly_one(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="popular")
    SectionPageFactory(parent=course, slug="s")
    user = learner(username="eager")
    clients = []
    for _ in range(50):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(50)
    statuses = []

    def enrol(client):
        try:
            barrier.wait()
            statuses.append(client.post("/courses/popular/enroll/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == 50
    assert set(statuses) == {302}
    assert Enrollment.objects.filter(user=user, course=course).count() == 1
