"""Learning time: what a learner spent, per enrolment and day, one record
for the dashboard, the certificate and the sharing of subscription income."""

from django.db import IntegrityError, transaction

from ..models import LearningDay
from .beats import add_day_seconds


def add_learning_time(enrollment, seconds, when):
    """Add to the enrolment's learning time of that day. The caller holds the
    lesson's progress row; two lessons beating at once meet on the unique
    (enrolment, date) row, and the loser of the insert adds to the winner's."""
    if seconds <= 0:
        return
    day = when.date()
    if add_day_seconds(enrollment.pk, day, seconds):
        return
    try:
        with transaction.atomic():
            LearningDay.objects.create(enrollment=enrollment, date=day, seconds=seconds)
    except IntegrityError:
        add_day_seconds(enrollment.pk, day, seconds)
