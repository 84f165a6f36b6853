"""Learning time: what a learner spent, per enrolment and day, one record
for the dashboard, the certificate and the sharing of subscription income."""

import math
from datetime import timedelta

from .beats import add_day_seconds

# A heartbeat reports time spent since the previous one; the browser beats every
# 30 seconds, so anything above a minute per beat is not real.
HEARTBEAT_MAX_SECONDS = 60
# How early a report may come (network delay, a timer that fires early).
HEARTBEAT_GRACE_SECONDS = 5


def credit_time(clock, wanted, now, *, rate=1):
    """How many of the `wanted` seconds real time allows, and the clock after.

    The clock marks how far time has been credited. A report may claim the
    seconds since the clock (times `rate`, for video played faster) plus a
    grace for a report that came early; the credited seconds move the clock
    on, and after a pause it jumps to just before now, so time away is never
    banked. However reports are sent, together they are credited no more than
    the real time they span, plus one grace: a script that sends a beat every
    millisecond earns five seconds, not five seconds a beat. The first report
    (no clock yet) may claim up to one beat."""
    grace = timedelta(seconds=HEARTBEAT_GRACE_SECONDS)
    if clock is None:
        return min(wanted, HEARTBEAT_MAX_SECONDS), now
    since = (now - clock).total_seconds() + HEARTBEAT_GRACE_SECONDS
    room = math.floor(since * rate)
    credited = max(0, min(wanted, room))
    return credited, max(clock + timedelta(seconds=credited / rate), now - grace)


def add_learning_time(enrollment, seconds, when):
    """Add to the enrolment's learning time of that day. The caller holds the
    lesson's progress row; two lessons beating at once meet on the unique
    (enrolment, date) row, where the upsert adds to whichever came first."""
    if seconds > 0:
        add_day_seconds(enrollment.pk, when.date(), seconds)
