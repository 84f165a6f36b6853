"""Heartbeats: a lesson's time and the day's learning time move together."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learners import services
from learners.models import LearningDay, LessonProgress
from learners.services.beats import credit_lesson_time
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def reading(catalogue):
    course = build_course(catalogue, sections=1, lessons_per_section=2, slug="beats")
    user = learner(username="beater")
    enrolled(user, course)
    lesson = course.syllabus.lessons[0]
    services.record_progress(user, lesson, seconds=20)  # opened: the row exists
    return user, lesson


def rewind(seconds):
    """As if the last beat came `seconds` ago (and, past midnight, yesterday)."""
    LessonProgress.objects.update(
        last_heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_the_first_beat_of_a_day_starts_that_days_learning_time(reading):
    user, lesson = reading
    LearningDay.objects.all().delete()  # the day's row is not there yet
    rewind(30)

    progress = services.record_progress(user, lesson, seconds=30)

    day = LearningDay.objects.get()
    assert day.date == timezone.now().date() and day.seconds == 30
    assert progress.time_spent_seconds == 50


def test_a_beat_adds_to_the_days_learning_time_already_there(reading):
    user, lesson = reading
    rewind(30)

    services.record_progress(user, lesson, seconds=30)

    assert LearningDay.objects.get().seconds == 50


def test_a_beat_that_lost_the_race_credits_neither_the_lesson_nor_the_day(reading):
    _user, _lesson = reading
    progress = LessonProgress.objects.get()
    read_by_both = progress.last_heartbeat_at
    now = timezone.now()

    won = credit_lesson_time(progress.pk, read_by_both, 30, now, now)
    lost = credit_lesson_time(progress.pk, read_by_both, 30, now, now)

    progress.refresh_from_db()
    assert (won, lost) == (True, False)
    assert progress.time_spent_seconds == 50
    assert LearningDay.objects.get().seconds == 50


def test_a_beat_with_no_time_to_credit_still_marks_the_visit(reading):
    _user, _lesson = reading
    progress = LessonProgress.objects.get()
    now = timezone.now() + timedelta(seconds=1)

    assert credit_lesson_time(progress.pk, progress.last_heartbeat_at, 0, now, now)

    progress.refresh_from_db()
    assert progress.last_heartbeat_at == now and progress.last_accessed_at == now
    assert LearningDay.objects.get().seconds == 20


@pytest.mark.postgres
def test_on_postgresql_a_beat_is_one_write(reading):
    user, lesson = reading
    rewind(30)

    with CaptureQueriesContext(connection) as queries:
        services.record_progress(user, lesson, seconds=30)

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith("SELECT")
    ]
    assert len(writes) == 1, writes
    assert LearningDay.objects.get().seconds == 50


def test_a_beat_reads_one_progress_row_however_many_lessons_are_done(
    catalogue, monkeypatch
):
    course = build_course(catalogue, sections=1, lessons_per_section=40, slug="long")
    user = learner(username="diligent")
    enrolled(user, course)
    *done, current = course.syllabus.lessons
    for lesson in done:
        services.complete_lesson(user, lesson)
    services.start_lesson(user, current)
    rewind(30)
    built = []
    original = LessonProgress.from_db.__func__
    monkeypatch.setattr(
        LessonProgress,
        "from_db",
        classmethod(lambda cls, *args: built.append(args) or original(cls, *args)),
    )

    with CaptureQueriesContext(connection) as queries:
        progress = services.record_progress(user, current, seconds=30)

    assert progress.time_spent_seconds == 30
    assert len(built) == 1  # the beating lesson's row, not all forty
    reads = [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) == 1  # the policy's one read
