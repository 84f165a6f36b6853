"""Opening and completing lessons, time and watch progress, and the
course's progress that follows from them."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.outline import courses_by_id

from .. import webhook_events
from ..access import lesson_access
from ..models import Enrollment, LessonProgress
from ..signals import course_completed, lesson_completed
from .beats import credit_lesson_time
from .errors import CompletionNotManual, LessonLocked, NotEnrolled
from .learning_time import HEARTBEAT_MAX_SECONDS, add_learning_time, credit_time

# "Last opened" is kept to within this; opening a lesson again sooner is a read.
ACCESS_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class CourseProgress:
    completed: int
    total: int

    @property
    def percent(self):
        return math.floor(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.completed >= self.total


def start_lesson(user, lesson, access=None):
    """Record that an enrolled learner opened the lesson; None for anyone else.

    `access` may be passed when the caller already asked the policy. Opening
    a lesson again writes nothing unless the last visit is older than
    ACCESS_RESOLUTION: a lesson page is read far more often than it changes.
    """
    access = access or lesson_access(user, lesson)
    enrollment = access.enrollment
    if not access.allowed or enrollment is None or not enrollment.gives_access:
        return None
    now = timezone.now()
    progress = access.progress  # read with the policy's answer
    if progress is None or progress.status == LessonProgress.Status.NOT_STARTED:
        with transaction.atomic():
            progress = _locked_progress(enrollment, lesson)
            progress.record_visit(now)
            progress.save()
        return progress
    if (
        progress.last_accessed_at is None
        or now - progress.last_accessed_at >= ACCESS_RESOLUTION
    ):
        # One column, one statement, no lock: the latest visit wins anyway.
        LessonProgress.objects.filter(pk=progress.pk).update(last_accessed_at=now)
        progress.last_accessed_at = now
    progress.enrollment = enrollment
    return progress


def complete_lesson(user, lesson, *, manual=False):
    """Complete a lesson. `manual` is the learner's own "mark complete" click,
    which only lessons without requirements accept; the others complete through
    `requirements.complete_when_requirements_met`."""
    enrollment = _enrollment_with_access(user, lesson)
    if manual and not lesson.completes_by_hand:
        raise CompletionNotManual(
            _("This lesson completes by itself when everything it asks is done.")
        )
    with transaction.atomic():
        progress = _locked_progress(enrollment, lesson)
        _mark_completed(progress)
        progress.save()
        _complete_course_if_done(progress.enrollment)
    return progress


def record_progress(user, lesson, *, watched_percent=None, seconds=None):
    """Store a player report: the furthest video position and time spent.

    The percentage never goes backwards and each heartbeat adds at most the
    time that really passed since the previous one, capped per beat. Nothing
    here completes a lesson: the lesson's requirements decide that.
    """
    access = _allowed_access(user, lesson)
    progress = access.progress
    if watched_percent is None and seconds is not None and progress is not None:
        return _record_heartbeat(progress, seconds)
    return _record_progress(
        access.enrollment, lesson, watched_percent=watched_percent, seconds=seconds
    )


def _record_heartbeat(progress, seconds):
    """Time on a lesson already opened: its progress row and the day's
    learning time, in one write. Guarded by the previous beat's time, so of
    two beats racing for the same seconds only one is credited (no lock)."""
    if progress.status == LessonProgress.Status.NOT_STARTED:
        return _record_progress(progress.enrollment, progress.lesson, seconds=seconds)
    now = timezone.now()
    credited, clock = _creditable_seconds(progress, seconds, now)
    previous = progress.last_heartbeat_at
    if credit_lesson_time(progress.pk, previous, credited, clock, now):
        progress.time_spent_seconds += credited
        progress.last_heartbeat_at, progress.last_accessed_at = clock, now
    return progress


def _record_progress(enrollment, lesson, *, watched_percent=None, seconds=None):
    """`record_progress` for a caller that has already asked the access policy."""
    now = timezone.now()
    with transaction.atomic():
        progress = _locked_progress(enrollment, lesson)
        if watched_percent is not None:
            clamped = max(0, min(100, int(watched_percent)))
            progress.video_watched_percent = max(
                progress.video_watched_percent, clamped
            )
        if seconds is not None:
            credited, clock = _creditable_seconds(progress, seconds, now)
            progress.time_spent_seconds += credited
            progress.last_heartbeat_at = clock
            add_learning_time(enrollment, credited, now)
        progress.record_visit(now)
        progress.save()
    return progress


def _creditable_seconds(progress, seconds, now):
    """(seconds credited, the lesson's time clock after): the lesson's last
    heartbeat field holds the clock."""
    requested = max(0, min(int(seconds), HEARTBEAT_MAX_SECONDS))
    return credit_time(progress.last_heartbeat_at, requested, now)


def _allowed_access(user, lesson):
    access = lesson_access(user, lesson)
    if not access.allowed:
        raise LessonLocked(access)
    enrollment = access.enrollment
    if enrollment is None or not enrollment.gives_access:
        raise NotEnrolled(_("Enrol in this course to save your progress."))
    return access


def _enrollment_with_access(user, lesson):
    return _allowed_access(user, lesson).enrollment


def _locked_progress(enrollment, lesson):
    """The progress row, with the enrolment locked so writes for it take turns."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if not enrollment.gives_access:
        raise NotEnrolled(_("Enrol in this course to save your progress."))
    progress, _created = LessonProgress.objects.get_or_create(
        enrollment=enrollment, lesson=lesson
    )
    progress.enrollment = enrollment
    return progress


def _mark_completed(progress):
    now = timezone.now()
    if progress.started_at is None:
        progress.started_at = now
    if progress.status != LessonProgress.Status.COMPLETED:
        progress.status = LessonProgress.Status.COMPLETED
        progress.completed_at = now
        webhook_events.lesson_completed(progress)
        lesson_completed.send(sender=LessonProgress, progress=progress)
    progress.last_accessed_at = now


def _complete_course_if_done(enrollment):
    """Complete the enrolment the first time every lesson is done (row is locked)."""
    if enrollment.status != Enrollment.Status.ACTIVE:
        return
    if not course_progress(enrollment).is_complete:
        return
    enrollment.complete()
    webhook_events.course_completed(enrollment)
    transaction.on_commit(
        lambda: course_completed.send(sender=Enrollment, enrollment=enrollment)
    )


def next_lesson_for(enrollment):
    """The first lesson in syllabus order the learner has not completed."""
    completed = set(
        enrollment.progress.filter(status=LessonProgress.Status.COMPLETED).values_list(
            "lesson_id", flat=True
        )
    )
    lessons = enrollment.course.syllabus.lessons
    return next((lesson for lesson in lessons if lesson.pk not in completed), None)


def course_progress(enrollment):
    """Completed lessons of the course's syllabus / its lessons. The course
    and its syllabus are in the worker's memory (courses/outline.py), so
    this is one query, for the learner's completed lessons, however long
    the course; it counts what the dashboard and the sidebar count."""
    course = courses_by_id([enrollment.course_id])[enrollment.course_id]
    syllabus = course.syllabus
    completed = set(
        enrollment.progress.filter(status=LessonProgress.Status.COMPLETED).values_list(
            "lesson_id", flat=True
        )
    )
    return CourseProgress(
        completed=len(completed & syllabus.lesson_ids), total=syllabus.lesson_count
    )
