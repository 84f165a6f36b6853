"""Reminders of seats' due dates: a week before, the day before, and once
when a seat is overdue. Each is sent once per seat and due date."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from learners.models import Enrollment
from learners.notifications import notify

from ..models import SeatAssignment

# (stage, days left at most, notification kind), latest stage first.
STAGES = [
    (3, -1, "seat_overdue"),
    (2, 1, "seat_due_tomorrow"),
    (1, 7, "seat_due_in_week"),
]


def send_due_reminders(today=None):
    """Remind each member with an unfinished seat whose due date is near or
    past. Returns how many reminders went out."""
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        seats = (
            SeatAssignment.objects.select_for_update(of=("self",))
            .filter(
                reclaimed_at__isnull=True,
                due_on__isnull=False,
                due_on__lte=today + timedelta(days=7),
            )
            .exclude(enrollment__status=Enrollment.Status.COMPLETED)
            .select_related("user")
        )
        for seat in seats:
            stage, kind = _stage(seat, today)
            if kind is None:
                continue
            notify(seat.user, kind, seat)
            seat.reminded_for, seat.reminders_sent = seat.due_on, stage
            seat.save(update_fields=["reminded_for", "reminders_sent"])
            sent += 1
    return sent


def _stage(seat, today):
    """The reminder this seat is due, if it has not had it (a new due date
    starts again)."""
    done = seat.reminders_sent if seat.reminded_for == seat.due_on else 0
    left = (seat.due_on - today).days
    for stage, most, kind in STAGES:
        if left <= most:
            return (stage, kind) if stage > done else (done, None)
    return done, None
