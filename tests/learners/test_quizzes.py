"""Quiz attempts: snapshots, server grading, limits, time and feedback."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from learners.models import Enrollment, LearningEvent, LessonProgress, QuizAttempt
from learners.services import quizzes
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.assessment_data import quiz_block
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

BASE = "/courses/geo/capitals/quiz"


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


def start(client):
    client.post(f"{BASE}/quiz/quiz1/start/")
    return QuizAttempt.objects.latest("started_at")


def submit(client, attempt, **answers):
    data = {"attempt": attempt.pk, **{f"q-{k}": v for k, v in answers.items()}}
    return client.post(f"{BASE}/quiz/quiz1/submit/", data)


def test_an_open_attempt_shows_questions_but_never_answers(client, lesson, member):
    start(client)

    html = client.get(f"{BASE}/").content.decode()

    assert "Capital of France?" in html and "Submit answers" in html
    assert "Nairobi" not in html
    assert "since 987" not in html


def test_passing_completes_the_lesson(client, lesson, member):
    attempt = start(client)

    submit(client, attempt, **{"q-france": "o-paris", "q-kenya": " nairobi "})

    attempt.refresh_from_db()
    assert (attempt.status, attempt.percent, attempt.passed) == ("submitted", 100, True)
    assert LessonProgress.objects.get(lesson=lesson).is_completed
    event = LearningEvent.objects.get(kind="quiz_submitted")
    assert (event.verified, event.score_percent, event.block_id) == (True, 100, "quiz1")
    html = client.get(f"{BASE}/").content.decode()
    assert "You passed this quiz." in html
    assert "since 987" in html  # explanations after grading, in immediate mode
    assert html.count("✓ Right") == 2 and "Partly right" not in html


def test_fail_then_retry_then_no_attempts_left(client, lesson, member):
    first = start(client)
    submit(client, first, **{"q-france": "o-lyon"})
    second = start(client)
    submit(client, second, **{"q-france": "o-lyon"})

    response = client.post(f"{BASE}/quiz/quiz1/start/")

    assert second.number == 2
    assert response.status_code == 409
    assert "used all your attempts" in response.content.decode()
    assert QuizAttempt.objects.count() == 2
    assert not LessonProgress.objects.filter(status="completed").exists()


def test_a_submitted_attempt_cannot_be_submitted_again(client, lesson, member):
    attempt = start(client)
    submit(client, attempt, **{"q-france": "o-lyon"})

    response = submit(client, attempt, **{"q-france": "o-paris", "q-kenya": "Nairobi"})

    assert response.status_code == 409
    attempt.refresh_from_db()
    assert attempt.percent == 0


def test_a_forged_score_or_answer_key_changes_nothing(client, lesson, member):
    attempt = start(client)

    client.post(
        f"{BASE}/quiz/quiz1/submit/",
        {"attempt": attempt.pk, "score": "100", "percent": "100", "passed": "true"},
    )

    attempt.refresh_from_db()
    assert (attempt.percent, attempt.passed) == (0, False)


def test_an_edited_quiz_does_not_change_a_graded_attempt(client, lesson, member):
    attempt = start(client)
    submit(client, attempt, **{"q-france": "o-paris", "q-kenya": "Nairobi"})
    edited = quiz_block()
    edited["value"]["questions"][0]["value"]["options"] = [
        {"type": "item", "id": "o-paris", "value": {"text": "Paris", "correct": False}},
        {"type": "item", "id": "o-lyon", "value": {"text": "Lyon", "correct": True}},
    ]
    lesson.body = [edited]
    lesson.save_revision().publish()

    attempt.refresh_from_db()
    assert (attempt.percent, attempt.passed) == (100, True)
    assert attempt.snapshot["questions"][0]["options"][0]["correct"] is True


def test_a_late_submission_is_graded_on_what_was_saved_in_time(client, catalogue):
    lesson = make_lesson(catalogue, time_limit_minutes=5)
    user = learner(username="slow")
    enrolled(user, lesson.course)
    attempt = quizzes.start_attempt(user, lesson, "quiz1")
    quizzes.save_answers(user, attempt.pk, {"q-france": ["o-paris"]})
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - quizzes.GRACE - timedelta(seconds=1)
    )

    with pytest.raises(quizzes.AttemptClosed):
        quizzes.save_answers(user, attempt.pk, {"q-kenya": ["Nairobi"]})
    graded = quizzes.submit_attempt(
        user, attempt.pk, {"q-france": ["o-paris"], "q-kenya": ["Nairobi"]}
    )

    assert graded.answers == {"q-france": "o-paris"}
    assert graded.percent == 50


def test_autosave_keeps_answers_of_an_open_attempt(client, lesson, member):
    import json

    attempt = start(client)

    response = client.post(
        f"{BASE}/quiz/quiz1/save/",
        json.dumps(
            {"attempt": attempt.pk, "answers": {"q-kenya": ["Nairobi"], "junk": ["x"]}}
        ),
        content_type="application/json",
    )

    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.answers == {"q-kenya": "Nairobi"}
    assert 'value="Nairobi"' in client.get(f"{BASE}/").content.decode()


def test_someone_elses_attempt_cannot_be_submitted(client, lesson, member):
    other = learner(username="other")
    enrolled(other, lesson.course)
    theirs = quizzes.start_attempt(other, lesson, "quiz1")

    response = submit(client, theirs, **{"q-france": "o-paris"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_open


@pytest.mark.parametrize(
    ("mode", "shown", "hidden"),
    [
        ("score_only", "50%", "since 987"),
        ("on_release", "instructor will release the results", "50%"),
    ],
)
def test_feedback_follows_the_quiz_mode(client, catalogue, mode, shown, hidden):
    lesson = make_lesson(catalogue, feedback_mode=mode)
    user = learner(username=f"fb-{mode}")
    enrolled(user, lesson.course)
    client.force_login(user)
    attempt = start(client)
    submit(client, attempt, **{"q-france": "o-paris"})

    html = client.get(f"{BASE}/").content.decode()

    assert shown in html
    assert hidden not in html


def test_shuffling_is_fixed_per_attempt(catalogue):
    lesson = make_lesson(catalogue, shuffle_questions=True, shuffle_options=True)
    user = learner()
    enrolled(user, lesson.course)
    attempt = quizzes.start_attempt(user, lesson, "quiz1")

    again = quizzes.start_attempt(user, lesson, "quiz1")

    assert again.pk == attempt.pk
    assert again.snapshot == attempt.snapshot


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_starts_never_exceed_the_maximum(catalogue):
    lesson = make_lesson(catalogue, max_attempts=2)
    user = learner(username="racer")
    enrolled(user, lesson.course)
    first = quizzes.start_attempt(user, lesson, "quiz1")
    quizzes.submit_attempt(user, first.pk, {})
    barrier = threading.Barrier(10)

    def go():
        try:
            barrier.wait()
            quizzes.start_attempt(user, type(lesson).objects.get(pk=lesson.pk), "quiz1")
        except quizzes.LearningError:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=go) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert QuizAttempt.objects.filter(enrollment__user=user).count() == 2


def test_answers_are_refused_once_the_lesson_is_closed_to_the_learner(
    client, lesson, member
):
    attempt = start(client)
    Enrollment.objects.update(status=Enrollment.Status.REFUNDED)

    response = submit(client, attempt, **{"q-france": "o-paris"})

    assert response.status_code == 403
    assert QuizAttempt.objects.get().status == "in_progress"
