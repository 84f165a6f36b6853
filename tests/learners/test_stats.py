"""The stored aggregates: right numbers from a seeded course, twice the same;
page views counted in Redis and flushed without a write per hit."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from learners import services as learning
from learners.models import CourseDay, CourseStats, LessonProgress, LessonStats
from learners.pageviews import flush_page_views, pending_counts
from learners.stats import active_monthly_learners, refresh_course_stats
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return build_course(catalogue, sections=1, lessons_per_section=4, slug="stats")


def seed(course):
    """Ten learners: 4 finish, 3 stop after lesson 2 (stuck in 3), 2 stop in
    lesson 1 (stuck in 2), 1 never starts."""
    lessons = course.syllabus.lessons
    for n in range(10):
        user = learner(username=f"stat-{n}")
        enrolled(user, course)
        done = 4 if n < 4 else 2 if n < 7 else 1 if n < 9 else 0
        for lesson in lessons[:done]:
            learning.complete_lesson(user, lesson)
        if done < 4 and n < 9:
            learning.start_lesson(user, lessons[done])
    return lessons


def test_refreshing_gives_the_right_numbers_and_twice_changes_nothing(course):
    lessons = seed(course)

    refresh_course_stats(course.pk)
    first = CourseStats.objects.values().get()
    lesson_rows = list(LessonStats.objects.values())
    refresh_course_stats(course.pk)

    stats = CourseStats.objects.get()
    assert (stats.enrollments, stats.completions) == (10, 4)
    assert stats.completion_rate_bp == 4000
    assert stats.started == 9
    # (4*4 + 3*2 + 2*1) completed lessons of 10*4 = 60%
    assert stats.average_progress_bp == 6000
    assert stats.top_dropoff[0] == {
        "lesson": lessons[2].pk,
        "title": lessons[2].title,
        "stuck": 3,
    }
    assert stats.top_dropoff[1]["lesson"] == lessons[1].pk
    assert CourseDay.objects.get().enrollments == 10
    first.pop("refreshed_at")
    again = CourseStats.objects.values().get()
    again.pop("refreshed_at")
    assert again == first
    assert [
        {k: v for k, v in row.items() if k != "refreshed_at"}
        for row in LessonStats.objects.values()
    ] == [{k: v for k, v in row.items() if k != "refreshed_at"} for row in lesson_rows]


def test_a_lesson_removed_from_the_course_drops_out_of_the_stats(course):
    lessons = seed(course)
    refresh_course_stats(course.pk)

    lessons[3].unpublish()
    refresh_course_stats(course.pk)

    assert LessonStats.objects.count() == 3
    assert CourseStats.objects.get().average_progress_bp == rate(
        4 * 3 + 3 * 2 + 2 * 1, 10 * 3
    )


def rate(part, whole):
    return part * 10_000 // whole


def test_active_monthly_learners_counts_recent_learners_once(course):
    seed(course)
    LessonProgress.objects.filter(enrollment__user__username="stat-0").update(
        last_accessed_at=timezone.now() - timedelta(days=45)
    )

    assert active_monthly_learners() == 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_thousand_page_views_are_counted_in_redis_then_flushed(course):
    client = Client()
    client.get("/")  # Wagtail creates the site settings row on a first visit
    writes = []

    def record_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record_writes):
        for _ in range(1000):
            assert client.get(course.url).status_code == 200

    assert writes == []
    assert sum(pending_counts().values()) == 1000
    assert not CourseDay.objects.exists()

    assert flush_page_views() == 1000
    assert flush_page_views() == 0
    assert CourseDay.objects.get().page_views == 1000
    assert pending_counts() == {}
    refresh_course_stats(course.pk)
    assert CourseStats.objects.get().page_views == 1000
