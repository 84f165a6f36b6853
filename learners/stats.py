"""Aggregates for the analytics pages, computed by beat tasks and stored in
the stats tables. Each refresh sets values (never adds), so running it twice
changes nothing."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from courses.models import CoursePage
from courses.translations import originals
from home.outbox import enqueue

from .models import (
    CourseDay,
    CourseStats,
    Enrollment,
    LessonProgress,
    LessonStats,
    QuizAttempt,
)

BASIS_POINTS = 10_000
DAYS_KEPT = 365
TOP_DROPOFF = 3


# The beat refreshes every 15 minutes; older than this, nobody refreshed them.
STALE_AFTER = timedelta(minutes=30)


def stats_are_stale(course_id, now=None):
    refreshed = (
        CourseStats.objects.filter(course_id=course_id)
        .values_list("refreshed_at", flat=True)
        .first()
    )
    now = now or timezone.now()
    return refreshed is None or now - refreshed > STALE_AFTER


def refresh_if_stale(course_id):
    """When an instructor opens a course's numbers and no scheduler has kept
    them fresh (the laptop default has no beat): refresh them now where
    tasks run in the request, else queue one refresh. True if refreshed."""
    if not stats_are_stale(course_id):
        return False
    if settings.CELERY_TASK_ALWAYS_EAGER:
        refresh_course_stats(course_id)
        return True
    # One queued refresh per course at a time, however many pages ask.
    if cache.add(f"stats-refresh:{course_id}", 1, timeout=300):
        enqueue("learners.tasks.refresh_one_course_stats_task", course_id)
    return False


def rate_bp(part, whole):
    return part * BASIS_POINTS // whole if whole else 0


def refresh_all_course_stats():
    ids = list(originals(CoursePage.objects.live()).values_list("pk", flat=True))
    for course_id in ids:
        refresh_course_stats(course_id)
    return len(ids)


def refresh_course_stats(course_id):
    """Recompute one course's row, its lessons' rows and its daily counts."""
    course = CoursePage.objects.get(pk=course_id)
    lessons = list(course.syllabus.lessons)
    with transaction.atomic():
        lesson_rows = _refresh_lessons(course, lessons)
        _refresh_days(course)
        return _refresh_course(course, lessons, lesson_rows)


def _refresh_lessons(course, lessons):
    now = timezone.now()
    ids = [lesson.pk for lesson in lessons]
    progress = {
        row["lesson"]: row
        for row in LessonProgress.objects.filter(
            lesson__in=ids, enrollment__course=course
        )
        .values("lesson")
        .annotate(
            started=Count("pk", filter=Q(started_at__isnull=False)),
            completed=Count("pk", filter=Q(status=LessonProgress.Status.COMPLETED)),
            seconds=Avg(
                "time_spent_seconds",
                filter=Q(status=LessonProgress.Status.COMPLETED),
            ),
        )
    }
    quizzes = {
        row["lesson"]: row
        for row in QuizAttempt.objects.filter(
            lesson__in=ids, submitted_at__isnull=False
        )
        .values("lesson")
        .annotate(attempts=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    }
    rows = [
        LessonStats(
            lesson_id=lesson.pk,
            course=course,
            position=position,
            started=progress.get(lesson.pk, {}).get("started", 0),
            completed=progress.get(lesson.pk, {}).get("completed", 0),
            average_seconds=int(progress.get(lesson.pk, {}).get("seconds") or 0),
            quiz_attempts=quizzes.get(lesson.pk, {}).get("attempts", 0),
            quiz_passed=quizzes.get(lesson.pk, {}).get("passed", 0),
            refreshed_at=now,
        )
        for position, lesson in enumerate(lessons)
    ]
    LessonStats.objects.filter(course=course).exclude(lesson__in=ids).delete()
    LessonStats.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["lesson"],
        update_fields=[
            "course",
            "position",
            "started",
            "completed",
            "average_seconds",
            "quiz_attempts",
            "quiz_passed",
            "refreshed_at",
        ],
    )
    return rows


def _refresh_days(course):
    """Enrolments and completions per day (page views are added by the
    page-view flush and left alone here)."""
    since = timezone.now() - timedelta(days=DAYS_KEPT)
    enrolled = _per_day(course, "enrolled_at", since)
    completed = _per_day(course, "completed_at", since)
    days = set(enrolled) | set(completed)
    rows = [
        CourseDay(
            course=course,
            date=date,
            enrollments=enrolled.get(date, 0),
            completions=completed.get(date, 0),
        )
        for date in days
    ]
    CourseDay.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["course", "date"],
        update_fields=["enrollments", "completions"],
    )
    CourseDay.objects.filter(course=course, date__gte=since.date()).exclude(
        date__in=days
    ).update(enrollments=0, completions=0)


def _per_day(course, field, since):
    rows = (
        Enrollment.objects.filter(course=course, **{f"{field}__gte": since})
        .exclude(status=Enrollment.Status.PENDING)
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(count=Count("pk"))
    )
    return {row["day"]: row["count"] for row in rows}


def _refresh_course(course, lessons, lesson_rows):
    enrollments = Enrollment.objects.filter(course=course).exclude(
        status=Enrollment.Status.PENDING
    )
    # distinct: the join to progress repeats each enrolment once per lesson.
    counts = enrollments.aggregate(
        total=Count("pk", distinct=True),
        active=Count(
            "pk", filter=Q(status__in=Enrollment.ACCESS_STATUSES), distinct=True
        ),
        completed=Count("pk", filter=Q(completed_at__isnull=False), distinct=True),
        started=Count(
            "pk", filter=Q(progress__started_at__isnull=False), distinct=True
        ),
    )
    completed_lessons = LessonProgress.objects.filter(
        enrollment__course=course,
        lesson__in=[lesson.pk for lesson in lessons],
        status=LessonProgress.Status.COMPLETED,
    ).count()
    quiz_attempts = sum(row.quiz_attempts for row in lesson_rows)
    quiz_passed = sum(row.quiz_passed for row in lesson_rows)
    dropoff = sorted(
        (row for row in lesson_rows if row.stuck),
        key=lambda row: (-row.stuck, row.position),
    )[:TOP_DROPOFF]
    titles = {lesson.pk: lesson.title for lesson in lessons}
    page_views = sum(
        CourseDay.objects.filter(course=course).values_list("page_views", flat=True)
    )
    stats, _created = CourseStats.objects.update_or_create(
        course=course,
        defaults={
            "page_views": page_views,
            "enrollments": counts["total"],
            "active_learners": counts["active"],
            "started": counts["started"],
            "completions": counts["completed"],
            "completion_rate_bp": rate_bp(counts["completed"], counts["total"]),
            "average_progress_bp": rate_bp(
                completed_lessons, counts["total"] * len(lessons)
            ),
            "quiz_attempts": quiz_attempts,
            "quiz_pass_rate_bp": rate_bp(quiz_passed, quiz_attempts),
            "top_dropoff": [
                {
                    "lesson": row.lesson_id,
                    "title": titles[row.lesson_id],
                    "stuck": row.stuck,
                }
                for row in dropoff
            ],
            "refreshed_at": timezone.now(),
        },
    )
    return stats


def active_monthly_learners():
    """Distinct learners who opened a lesson in the last 30 days: one indexed
    query, cached for five minutes."""

    def count():
        since = timezone.now() - timedelta(days=30)
        return (
            LessonProgress.objects.filter(last_accessed_at__gte=since)
            .values("enrollment__user")
            .distinct()
            .count()
        )

    return cache.get_or_set("stats:active-monthly-learners", count, 300)


def user_count():
    return get_user_model().objects.count()
