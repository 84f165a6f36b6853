"""`/api/v1/me/`: a learner's own account and enrolments, and nobody else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learners import services
from learners.models import Enrollment
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    return [
        build_course(catalogue, sections=1, lessons_per_section=4, slug=f"c{n}")
        for n in range(5)
    ]


def test_enrolments_come_with_the_progress_the_dashboard_shows(client, courses):
    ada = learner()
    enrolled(ada, courses[0])
    for lesson in courses[0].syllabus.lessons[:3]:
        services.complete_lesson(ada, lesson)
    client.force_login(ada)

    page = client.get("/api/v1/me/enrollments/").json()

    assert page["count"] == 1
    (item,) = page["items"]
    assert item["course"]["id"] == courses[0].pk
    assert (item["lessons_completed"], item["lessons_total"], item["percent"]) == (
        3,
        4,
        75,
    )
    assert item["status"] == "active"


def test_a_learner_sees_only_their_own_enrolments(client, courses):
    ada, bob = learner(), learner()
    enrolled(ada, courses[0])
    enrolled(bob, courses[1])
    client.force_login(ada)

    items = client.get("/api/v1/me/enrollments/").json()["items"]

    assert [item["course"]["id"] for item in items] == [courses[0].pk]


def test_the_list_costs_the_same_queries_for_one_enrolment_or_five(client, courses):
    ada = learner()
    client.force_login(ada)
    enrolled(ada, courses[0])
    client.get("/api/v1/me/enrollments/")  # the worker's memory holds the courses
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/me/enrollments/")
    for course in courses[1:]:
        enrolled(ada, course)
    client.get("/api/v1/me/enrollments/")
    with CaptureQueriesContext(connection) as five:
        response = client.get("/api/v1/me/enrollments/")

    assert response.json()["count"] == 5
    assert len(five) == len(one)


def test_pages_filters_and_bad_input(client, courses):
    ada = learner()
    for course in courses:
        enrolled(ada, course)
    Enrollment.objects.filter(course=courses[0]).update(
        status="completed", completed_at=timezone.now()
    )
    client.force_login(ada)

    second = client.get("/api/v1/me/enrollments/?page=2&page_size=2").json()
    done = client.get("/api/v1/me/enrollments/?status=completed").json()
    beyond = client.get("/api/v1/me/enrollments/?page=9")
    nonsense = client.get("/api/v1/me/enrollments/?page_size=1000")
    unknown = client.get("/api/v1/me/enrollments/?status=sleeping")

    assert second["count"] == 5 and len(second["items"]) == 2
    assert [item["course"]["id"] for item in done["items"]] == [courses[0].pk]
    assert beyond.status_code == 404 and beyond.json()["code"] == "not_found"
    assert nonsense.status_code == 422 and nonsense.json()["code"] == "invalid"
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["query", "status"]
