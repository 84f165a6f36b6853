"""Telling learners when dripped lessons open: the hourly task finds, per
enrolment, the lessons whose date came since it last looked."""

import zoneinfo

from django.db import transaction
from django.utils import timezone

from courses.models import Cohort, CoursePage, SectionPage
from courses.outline import cohorts_of
from lessons.models import LessonPage

from ..drip import learner_start, opening_time
from ..models import Enrollment, Profile
from ..notifications import notify


def dripping_courses():
    """Live courses where something waits for a date: a cohort, or a
    section or lesson that opens after some days."""
    steplen = CoursePage.steplen
    paths = {
        path[:-steplen]
        for path in SectionPage.objects.live()
        .filter(opens_after_days__gt=0)
        .values_list("path", flat=True)
    } | {
        path[: -2 * steplen]
        for path in LessonPage.objects.live()
        .filter(opens_after_days__gt=0)
        .values_list("path", flat=True)
    }
    with_cohorts = Cohort.objects.values("course_id")
    return CoursePage.objects.live().filter(path__in=paths) | (
        CoursePage.objects.live().filter(pk__in=with_cohorts)
    )


def announce_openings(now=None):
    """Notify each learner of the first lesson that opened for them since
    the last run (one notice per enrolment and run; each lesson once).
    Returns how many learners were told."""
    now = now or timezone.now()
    told = 0
    for course in dripping_courses().distinct():
        told += _announce_in(course, now)
    return told


def _milestones(course):
    """(days, first lesson with that delay), in syllabus order: announcing
    the first of each group is enough, the others open with it."""
    syllabus = course.syllabus
    seen, milestones = set(), []
    for lesson in syllabus.lessons:
        days = syllabus.delays.get(lesson.pk, 0)
        if days not in seen:
            seen.add(days)
            milestones.append((days, lesson))
    return milestones


def _announce_in(course, now):
    milestones = _milestones(course)
    if not milestones:
        return 0
    cohorts = cohorts_of(course.pk)
    told = 0
    with transaction.atomic():
        enrollments = list(
            Enrollment.objects.select_for_update(of=("self",))
            .with_access()
            .filter(course=course)
            .select_related("user")
        )
        zones = dict(
            Profile.objects.filter(
                user_id__in=[e.user_id for e in enrollments]
            ).values_list("user_id", "time_zone")
        )
        for enrollment in enrollments:
            since = enrollment.openings_announced_at or enrollment.enrolled_at
            zone = _zone(zones.get(enrollment.user_id))
            start = learner_start(enrollment, cohorts)
            opened = [
                lesson
                for days, lesson in milestones
                if since < opening_time(start, days, zone) <= now
            ]
            if opened:
                notify(enrollment.user, "lesson_opened", opened[0])
                told += 1
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(
            openings_announced_at=now
        )
    return told


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
