"""A learner can never read or change another learner's enrolment or progress."""

import json

import pytest

from learners.models import Enrollment, LessonProgress
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(catalogue, client):
    course = CoursePageFactory(parent=catalogue, slug="chess")
    LessonPageFactory(
        parent=SectionPageFactory(parent=course, slug="openings"), slug="e4"
    )
    owner = learner(username="owner")
    theirs = enrolled(owner, course)
    intruder = learner(username="intruder")
    mine = enrolled(intruder, course)
    client.force_login(intruder)
    return theirs, mine, intruder


def test_another_learners_enrolment_page_is_a_404(client, setting):
    theirs, mine, _intruder = setting

    assert client.get(f"/dashboard/enrollments/{theirs.pk}/").status_code == 404
    assert client.get(f"/dashboard/enrollments/{mine.pk}/").status_code == 200


def test_leaving_another_learners_course_is_a_404_and_changes_nothing(client, setting):
    theirs, _mine, _intruder = setting

    response = client.post(f"/dashboard/enrollments/{theirs.pk}/leave/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "active"


def test_an_unknown_enrolment_looks_the_same_as_someone_elses(client, setting):
    assert client.get("/dashboard/enrollments/987654/").status_code == 404


def test_progress_cannot_be_written_for_another_user(client, setting):
    theirs, _mine, _intruder = setting

    response = client.post(
        "/courses/chess/openings/e4/progress/",
        json.dumps({"user_id": theirs.user_id, "watched_percent": 100}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not LessonProgress.objects.filter(enrollment=theirs).exists()


def test_the_dashboard_shows_only_my_courses(client, setting, catalogue):
    other = CoursePageFactory(parent=catalogue, slug="go", title="The game of Go")
    enrolled(Enrollment.objects.get(pk=setting[0].pk).user, other)

    html = client.get("/dashboard/").content.decode()

    assert "The game of Go" not in html
