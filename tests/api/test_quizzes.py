"""Quiz attempts through the API: the page's rules, answers never shown
before grading, results held back when the quiz says so, nobody else's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learners.models import Enrollment, LessonProgress, QuizAttempt
from learners.services import quizzes
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.assessment_data import quiz_block
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def make_lesson(catalogue, **quiz_settings):
    course = CoursePageFactory(parent=catalogue, slug="geo")
    section = SectionPageFactory(parent=course, slug="capitals")
    return LessonPageFactory(
        parent=section, slug="quiz", body=[quiz_block(**quiz_settings)]
    )


@pytest.fixture
def lesson(catalogue):
    return make_lesson(catalogue)


@pytest.fixture
def member(client, lesson):
    user = learner(username="quizzer")
    enrolled(user, lesson.course)
    client.force_login(user)
    return user


def start(client, lesson):
    return client.post(f"/api/v1/lessons/{lesson.pk}/quizzes/quiz1/attempts/")


def send(client, method, url, answers):
    return getattr(client, method)(
        url, {"answers": answers}, content_type="application/json"
    )


RIGHT = {"q-france": ["o-paris"], "q-kenya": "nairobi"}


def test_an_attempt_shows_its_questions_but_never_the_answers(client, lesson, member):
    response = start(client, lesson)

    assert response.status_code == 201
    attempt = response.json()
    assert [q["id"] for q in attempt["questions"]] == ["q-france", "q-kenya"]
    text = str(attempt)
    assert "Nairobi" not in text and "since 987" not in text and "correct" not in text
    assert attempt["score"] is None and attempt["results"] is None
    again = start(client, lesson)
    assert again.status_code == 200 and again.json()["id"] == attempt["id"]


def test_autosave_submit_and_results_as_the_page_gives_them(client, lesson, member):
    attempt = start(client, lesson).json()
    base = f"/api/v1/quiz-attempts/{attempt['id']}"

    saved = send(client, "put", f"{base}/answers/", {"q-france": ["o-paris"]})
    assert saved.status_code == 200
    assert client.get(f"{base}/").json()["answers"] == {"q-france": "o-paris"}

    graded = send(client, "post", f"{base}/submit/", RIGHT).json()

    assert (graded["status"], graded["percent"], graded["passed"]) == (
        "submitted",
        100,
        True,
    )
    assert graded["results"][0]["explanation"].startswith("Paris has been")
    assert LessonProgress.objects.get().status == "completed"
    again = send(client, "post", f"{base}/submit/", RIGHT)
    assert again.status_code == 409 and again.json()["code"] == "conflict"


def test_a_score_sent_by_the_app_is_refused(client, lesson, member):
    attempt = start(client, lesson).json()

    response = client.post(
        f"/api/v1/quiz-attempts/{attempt['id']}/submit/",
        {"answers": {}, "score": 100, "passed": True},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert QuizAttempt.objects.get().status == "in_progress"


def test_attempt_limits_hold(client, lesson, member):
    for _ in range(2):
        attempt = start(client, lesson).json()
        send(client, "post", f"/api/v1/quiz-attempts/{attempt['id']}/submit/", {})

    refused = start(client, lesson)
    state = client.get(f"/api/v1/lessons/{lesson.pk}/quizzes/quiz1/").json()

    assert refused.status_code == 409
    assert state["attempts_left"] == 0 and not state["can_start"]
    assert [a["number"] for a in state["attempts"]] == [2, 1]


def test_after_the_time_limit_only_answers_saved_in_time_count(client, lesson, member):
    attempt = start(client, lesson).json()
    base = f"/api/v1/quiz-attempts/{attempt['id']}"
    send(client, "put", f"{base}/answers/", {"q-france": ["o-paris"]})
    QuizAttempt.objects.update(
        deadline=timezone.now() - quizzes.GRACE - timedelta(seconds=1)
    )

    late_save = send(client, "put", f"{base}/answers/", RIGHT)
    graded = send(client, "post", f"{base}/submit/", RIGHT).json()

    assert late_save.status_code == 409
    assert graded["percent"] == 50


def test_held_back_results_stay_hidden_until_released(catalogue, client):
    lesson = make_lesson(catalogue, feedback_mode="on_release")
    user = learner(username="patient")
    enrolled(user, lesson.course)
    client.force_login(user)
    attempt = start(client, lesson).json()

    graded = send(
        client, "post", f"/api/v1/quiz-attempts/{attempt['id']}/submit/", RIGHT
    ).json()

    assert graded["score_shown"] is False
    assert graded["percent"] is None and graded["results"] is None
    quizzes.release_results(lesson.course, lesson.pk, "quiz1")
    shown = client.get(f"/api/v1/quiz-attempts/{attempt['id']}/").json()
    assert shown["score_shown"] and shown["percent"] == 100


def test_nobody_reads_or_answers_another_learners_attempt(client, lesson, member):
    attempt = start(client, lesson).json()
    snoop = learner(username="snoop")
    enrolled(snoop, lesson.course)
    client.force_login(snoop)
    base = f"/api/v1/quiz-attempts/{attempt['id']}"

    assert client.get(f"{base}/").status_code == 404
    assert send(client, "post", f"{base}/submit/", RIGHT).status_code == 404
    assert QuizAttempt.objects.get().status == "in_progress"


def test_without_access_to_the_lesson_there_is_no_quiz(client, lesson, member):
    attempt = start(client, lesson).json()
    Enrollment.objects.update(status=Enrollment.Status.REFUNDED)

    refused = client.get(f"/api/v1/quiz-attempts/{attempt['id']}/")
    submitted = send(
        client, "post", f"/api/v1/quiz-attempts/{attempt['id']}/submit/", RIGHT
    )

    assert refused.status_code == 403
    assert refused.json()["code"] == "enrollment_inactive"
    assert submitted.status_code == 403
    assert start(client, lesson).status_code == 403
