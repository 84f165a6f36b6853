"""Instructors grade their own courses' work in the admin and read gradebooks."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learners.models import LessonProgress, QuizAttempt, Submission
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
    course_a, lesson_a = course_with_work(catalogue, ada, "algebra")
    course_b, lesson_b = course_with_work(catalogue, bob, "biology")
    student = learner(username="kim", first_name="Kim", last_name="Lee")
    enrolled(student, course_a)
    enrolled(student, course_b)
    mine = submit_assignment(student, lesson_a, "essay", "Algebra essay", [])
    theirs = submit_assignment(student, lesson_b, "essay", "Biology essay", [])
    return ada, mine, theirs, lesson_a, student


def test_the_queue_lists_only_my_courses_submissions(client, setting):
    ada, mine, theirs, _lesson, _student = setting
    client.force_login(ada)

    html = client.get("/admin/learners/submission/").content.decode()

    assert f"/admin/learning/grade/{mine.pk}/" in html
    assert f"/admin/learning/grade/{theirs.pk}/" not in html


def test_grading_with_the_rubric_totals_and_completes_when_passed(client, setting):
    ada, mine, _theirs, lesson, student = setting
    client.force_login(ada)
    quizzes.submit_attempt(
        student,
        quizzes.start_attempt(student, lesson, "quiz1").pk,
        {"q-france": ["o-paris"], "q-kenya": ["Nairobi"]},
    )

    response = client.post(
        f"/admin/learning/grade/{mine.pk}/",
        {
            "criterion_0": "5",
            "criterion_1": "3",
            "feedback": "Clear and correct.",
            "grade": "",
        },
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.score, mine.status, mine.rubric_scores) == (
        8,
        "graded",
        {"0": 5, "1": 3},
    )
    assert LessonProgress.objects.get(lesson=lesson).is_completed


def test_a_score_above_a_criterion_is_refused(client, setting):
    ada, mine, *_ = setting
    client.force_login(ada)

    response = client.post(
        f"/admin/learning/grade/{mine.pk}/", {"criterion_0": "60", "criterion_1": "3"}
    )

    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.status == "submitted" and mine.score is None


def test_return_for_resubmission(client, setting):
    ada, mine, *_ = setting
    client.force_login(ada)

    client.post(
        f"/admin/learning/grade/{mine.pk}/",
        {"criterion_0": "1", "criterion_1": "1", "feedback": "Try again", "return": ""},
    )

    mine.refresh_from_db()
    assert mine.status == Submission.Status.RETURNED


def test_another_instructors_submission_is_a_404(client, setting):
    ada, _mine, theirs, *_ = setting
    client.force_login(ada)

    assert client.get(f"/admin/learning/grade/{theirs.pk}/").status_code == 404
    response = client.post(
        f"/admin/learning/grade/{theirs.pk}/", {"criterion_0": "6", "criterion_1": "4"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.score is None


def test_the_gradebook_shows_scores_and_exports_csv(client, setting):
    ada, mine, _theirs, lesson, student = setting
    attempt = quizzes.start_attempt(student, lesson, "quiz1")
    quizzes.submit_attempt(student, attempt.pk, {"q-france": ["o-paris"]})
    client.force_login(ada)

    html = client.get(f"/admin/learning/gradebook/{lesson.course.pk}/").content.decode()
    export = client.get(f"/admin/learning/gradebook/{lesson.course.pk}/csv/")

    assert "Kim Lee" in html and "50%" in html
    # Dates read as dates on the page; the CSV keeps ISO 8601 for machines.
    assert not re.search(r">\s*\d{4}-\d{2}-\d{2}T", html)
    index = client.get("/admin/learning/gradebook/").content.decode()
    assert lesson.course.title in index and "Waiting to be graded" in index
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:4] == ["Learner", "E-mail", "Completion %", "Last activity"]
    assert rows[1][0] == "Kim Lee" and "50%" in rows[1]


def test_another_instructors_gradebook_is_a_404(client, setting, catalogue):
    ada, *_ = setting
    other = CoursePageFactory(
        parent=catalogue, slug="other", instructor=instructor("cy")
    )
    client.force_login(ada)

    assert client.get(f"/admin/learning/gradebook/{other.pk}/").status_code == 404
    assert client.get(f"/admin/learning/gradebook/{other.pk}/csv/").status_code == 404


def test_released_results_become_visible(client, catalogue):
    teacher = instructor("dee")
    course = CoursePageFactory(parent=catalogue, slug="held", instructor=teacher)
    lesson = LessonPageFactory(
        parent=SectionPageFactory(parent=course, slug="s"),
        slug="q",
        body=[quiz_block(feedback_mode="on_release")],
    )
    student = learner(username="waiting")
    enrolled(student, course)
    attempt = quizzes.submit_attempt(
        student,
        quizzes.start_attempt(student, lesson, "quiz1").pk,
        {"q-france": ["o-paris"], "q-kenya": ["Nairobi"]},
    )
    assert attempt.passed and not attempt.shows_score
    assert not LessonProgress.objects.filter(status="completed").exists()
    client.force_login(teacher)

    client.post(f"/admin/learning/gradebook/{course.pk}/release/{lesson.pk}/quiz1/")

    attempt.refresh_from_db()
    assert attempt.shows_score and attempt.shows_answers
    assert LessonProgress.objects.get(lesson=lesson).is_completed


def test_the_gradebook_query_count_is_constant_in_learners(client, catalogue):
    teacher = instructor("eve")
    course = CoursePageFactory(parent=catalogue, slug="big", instructor=teacher)
    section = SectionPageFactory(parent=course, slug="s")
    lessons = [
        LessonPageFactory(
            parent=section, slug=f"l{n}", body=[quiz_block(), assignment_block()]
        )
        for n in range(3)
    ]
    client.force_login(teacher)
    url = f"/admin/learning/gradebook/{course.pk}/"

    def add_learners(count, start):
        for n in range(start, start + count):
            user = learner(username=f"learner{n}")
            enrollment = enrolled(user, course)
            QuizAttempt.objects.create(
                enrollment=enrollment,
                lesson=lessons[n % 3],
                block_id="quiz1",
                number=1,
                snapshot={"questions": []},
                max_score=2,
                percent=n % 100,
                status="submitted",
            )

    def count_queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_learners(5, 0)
    few = count_queries()
    add_learners(195, 5)
    many = count_queries()

    assert many == few
    assert client.get(url).content.decode().count('class="gradebook-row"') == 200
