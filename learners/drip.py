"""When dripped content opens for a learner: a number of days after their
start (their cohort's start, or their enrolment), counted in their time zone."""

from datetime import datetime, time, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def learner_start(enrollment, cohorts):
    """The moment a learner's days are counted from: their cohort's start
    when they are in one, else when they enrolled."""
    if enrollment.cohort_id is not None:
        cohort = next((c for c in cohorts if c.pk == enrollment.cohort_id), None)
        if cohort is not None:
            return cohort.starts_at
    return enrollment.enrolled_at


def opening_time(start, days, zone):
    """Content `days` after `start` opens at the beginning of that day in
    `zone`, so a learner sees one date and it holds all day; with no delay
    it opens at `start` itself."""
    if not days:
        return start
    day = timezone.localtime(start, zone).date() + timedelta(days=days)
    return datetime.combine(day, time.min, tzinfo=zone)


def describe_opening(moment, zone):
    """“5 December 2026”, with the time when it is not the day's start."""
    local = timezone.localtime(moment, zone)
    day = formats.date_format(local, "j F Y")
    if local.time() == time.min:
        return day
    return _("%(day)s at %(time)s") % {
        "day": day,
        "time": formats.time_format(local, "H:i"),
    }
