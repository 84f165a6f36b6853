"""Learning time: what a learner spent, per enrolment and day, one record
for the dashboard, the certificate and the sharing of subscription income."""

from .beats import add_day_seconds


def add_learning_time(enrollment, seconds, when):
    """Add to the enrolment's learning time of that day. The caller holds the
    lesson's progress row; two lessons beating at once meet on the unique
    (enrolment, date) row, where the upsert adds to whichever came first."""
    if seconds > 0:
        add_day_seconds(enrollment.pk, when.date(), seconds)
