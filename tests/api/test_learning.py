"""The learner's actions through the API go through the same services as the
pages: enrolment, completion and heartbeats, with the same refusals."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from learners.models import Enrollment, LessonProgress
from learners.services.api_tokens import log_in_device
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return build_course(catalogue, sections=1, lessons_per_section=2, slug="free")


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_enrolling_twice_makes_one_enrolment(client, course):
    ada = learner()
    client.force_login(ada)

    first = post(client, f"/api/v1/courses/{course.pk}/enroll/")
    again = post(client, f"/api/v1/courses/{course.pk}/enroll/")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["lessons_total"] == 2
    assert Enrollment.objects.filter(user=ada).count() == 1


def test_a_paid_course_cannot_be_enrolled_in_for_free(client, catalogue):
    paid = build_course(
        catalogue, sections=1, lessons_per_section=1, slug="paid",
        pricing_type="paid", price=900, currency="EUR",
    )  # fmt: skip
    client.force_login(learner())

    response = post(client, f"/api/v1/courses/{paid.pk}/enroll/")

    assert 400 <= response.status_code < 500
    assert "not free" in response.json()["detail"]
    assert not Enrollment.objects.exists()


def test_completing_a_lesson_moves_the_course_on(client, course):
    ada = learner()
    enrolled(ada, course)
    client.force_login(ada)
    first = course.syllabus.lessons[0]

    answer = post(client, f"/api/v1/lessons/{first.pk}/complete/").json()

    assert answer["lesson_completed"] is True and answer["course_percent"] == 50
    assert answer["course_completed"] is False


def test_heartbeats_are_capped_as_on_the_page(client, course):
    ada = learner()
    enrolled(ada, course)
    client.force_login(ada)
    lesson = course.syllabus.lessons[0]
    url = f"/api/v1/lessons/{lesson.pk}/progress/"

    post(client, url, {"seconds": 30})
    LessonProgress.objects.update(
        last_heartbeat_at=timezone.now() - timedelta(seconds=30)
    )
    answer = post(client, url, {"seconds": 100000}).json()

    assert answer["time_spent_seconds"] <= 30 + 30 + 6
    assert answer["requirements"] is None


def test_bad_reports_are_422_with_the_field_named(client, course):
    ada = learner()
    enrolled(ada, course)
    client.force_login(ada)
    url = f"/api/v1/lessons/{course.syllabus.lessons[0].pk}/progress/"

    for body in ({"seconds": -5}, {"seconds": "lots"}, {"segments": [[0, "x"]]}):
        response = post(client, url, body)
        assert response.status_code == 422, body
        assert response.json()["code"] == "invalid"


def test_someone_not_enrolled_cannot_report_progress(client, course):
    client.force_login(learner())
    lesson = course.syllabus.lessons[0]

    response = post(client, f"/api/v1/lessons/{lesson.pk}/progress/", {"seconds": 5})

    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_nobody_anonymous_acts(client, course):
    lesson = course.syllabus.lessons[0]

    for url in (
        f"/api/v1/courses/{course.pk}/enroll/",
        f"/api/v1/lessons/{lesson.pk}/complete/",
        f"/api/v1/lessons/{lesson.pk}/progress/",
    ):
        assert post(client, url).status_code == 401


def test_a_session_needs_its_csrf_token_and_an_app_token_does_not(course):
    ada = learner()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ada)
    app = Client(enforce_csrf_checks=True)
    access = log_in_device(ada, "phone").access
    url = f"/api/v1/courses/{course.pk}/enroll/"

    forged = browser.post(url, {}, content_type="application/json")
    from_app = app.post(
        url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {access}"
    )

    assert forged.status_code == 403 and forged.json()["code"] == "forbidden"
    assert from_app.status_code == 201
