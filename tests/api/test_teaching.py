"""The instructor's API: their courses' learners, gradebook and enrolment by
e-mail, under the admin workspace's permissions; any other course is a 404."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learners import services
from learners.models import Enrollment
from learners.services import quizzes
from learners.services.assignments import submit_assignment
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.assessment_data import assignment_block, quiz_block
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def instructor(username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name="Instructors"))
    return user


def course_with_work(catalogue, teacher, slug):
    course = CoursePageFactory(
        parent=catalogue, slug=slug, instructor=teacher, title=slug.title()
    )
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section, slug="work", body=[quiz_block(), assignment_block()]
    )
    return course, lesson


@pytest.fixture
def setting(catalogue):
    ada, bob = instructor("ada"), instructor("bob")
    algebra, lesson = course_with_work(catalogue, ada, "algebra")
    biology, _ = course_with_work(catalogue, bob, "biology")
    kim = learner(username="kim", first_name="Kim", last_name="Lee")
    enrolled(kim, algebra)
    enrolled(kim, biology)
    attempt = quizzes.start_attempt(kim, lesson, "quiz1")
    quizzes.submit_attempt(kim, attempt.pk, {"q-france": "o-paris"})
    submit_assignment(kim, lesson, "essay", "Algebra essay", [])
    return ada, algebra, biology, kim


def test_an_instructor_lists_their_courses_only(client, setting):
    ada, algebra, _biology, _kim = setting
    client.force_login(ada)

    page = client.get("/api/v1/teaching/courses/").json()

    assert [item["id"] for item in page["items"]] == [algebra.pk]


def test_the_learners_come_with_their_progress(client, setting):
    ada, algebra, _biology, kim = setting
    services.complete_lesson(kim, algebra.syllabus.lessons[0])
    client.force_login(ada)

    (row,) = client.get(f"/api/v1/teaching/courses/{algebra.pk}/learners/").json()[
        "items"
    ]

    assert (row["name"], row["email"]) == ("Kim Lee", kim.email)
    assert row["status"] == "completed"  # the course's one lesson is done
    assert (row["lessons_completed"], row["lessons_total"], row["percent"]) == (
        1,
        1,
        100,
    )
    assert float(row["quiz_average"]) == 50


def test_the_gradebook_gives_a_score_per_assessment(client, setting):
    ada, algebra, _biology, _kim = setting
    client.force_login(ada)

    book = client.get(f"/api/v1/teaching/courses/{algebra.pk}/gradebook/").json()

    assert [a["kind"] for a in book["assessments"]] == ["quiz", "assignment"]
    (row,) = book["items"]
    assert row["name"] == "Kim Lee" and "50%" in row["scores"][0]


def test_another_instructors_course_is_a_404_and_a_learner_sees_none(client, setting):
    ada, _algebra, biology, kim = setting
    client.force_login(ada)
    base = f"/api/v1/teaching/courses/{biology.pk}"

    for path in ("learners/", "gradebook/"):
        assert client.get(f"{base}/{path}").status_code == 404
    refused = client.post(
        f"{base}/enrollments/", {"emails": [kim.email]}, content_type="application/json"
    )
    assert refused.status_code == 404
    client.force_login(kim)
    assert client.get("/api/v1/teaching/courses/").json()["count"] == 0


def test_enrolling_by_email_reports_every_address(client, setting):
    ada, algebra, _biology, _kim = setting
    newcomer = learner(username="new", email="new@example.com")
    client.force_login(ada)

    answer = client.post(
        f"/api/v1/teaching/courses/{algebra.pk}/enrollments/",
        {"emails": ["NEW@example.com", "nobody@example.com", "not-an-address"]},
        content_type="application/json",
    ).json()

    assert answer["enrolled_or_already"] == 1
    assert [(row["line"], row["ok"]) for row in answer["items"]] == [
        (1, True),
        (2, False),
        (3, False),
    ]
    assert "No account" in answer["items"][1]["message"]
    assert Enrollment.objects.get(user=newcomer).source == "admin"


def test_the_learner_list_costs_the_same_for_five_learners_or_twenty(client, setting):
    ada, algebra, _biology, _kim = setting
    client.force_login(ada)
    url = f"/api/v1/teaching/courses/{algebra.pk}/learners/?page_size=100"
    client.get(url)  # the worker's first look at the course reads its outline

    def queries_with(count, start):
        for n in range(start, start + count):
            enrolled(learner(username=f"l{n}"), algebra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert queries_with(4, 0) == queries_with(15, 100)
