"""Disputes (chargebacks): while the learner's bank looks into a payment,
access to the course is paused; a dispute the shop wins gives it back, and a
lost one is handled as a full refund (the bank has returned the money). The
learner is told each time."""

from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from learners.models import Enrollment
from learners.notifications import notify

from ..models import Order
from .earnings import courses_bought
from .refunds import _order_for_payment, apply_refund


def _purchase_enrollments(order):
    if order.is_for_seats:  # staff decide about an organisation's seats
        return Enrollment.objects.none()
    return Enrollment.objects.filter(
        user_id=order.user_id,
        course_id__in=courses_bought(order),
        source=Enrollment.Source.PURCHASE,
    )


def dispute_opened(payment_intent, reason):
    """Flag the order for staff and pause the learner's access, once."""
    with transaction.atomic():
        order = _order_for_payment(payment_intent)
        if order is None or order.disputed_at is not None:
            return order
        order.disputed_at = timezone.now()
        order.dispute_reason = (reason or "")[:100]
        order.save(update_fields=["disputed_at", "dispute_reason"])
        if order.status == Order.Status.PAID:
            _purchase_enrollments(order).filter(
                status__in=Enrollment.ACCESS_STATUSES
            ).update(status=Enrollment.Status.SUSPENDED, updated_at=timezone.now())
            notify(order.user, "dispute_opened", order)
    return order


def dispute_closed(payment_intent, status):
    """The bank decided. Stripe says "won" or "lost" (a closed warning counts
    as won: the payment stands)."""
    with transaction.atomic():
        order = _order_for_payment(payment_intent)
        if order is None or order.dispute_closed_at is not None:
            return order
        won = status != "lost"
        order.disputed_at = order.disputed_at or timezone.now()
        order.dispute_outcome = "won" if won else "lost"
        order.dispute_closed_at = timezone.now()
        order.save(
            update_fields=["disputed_at", "dispute_outcome", "dispute_closed_at"]
        )
        if won:
            _purchase_enrollments(order).filter(
                status=Enrollment.Status.SUSPENDED
            ).update(
                status=Case(
                    When(completed_at__isnull=False, then=Value("completed")),
                    default=Value("active"),
                ),
                updated_at=timezone.now(),
            )
        elif order.status == Order.Status.PAID:
            apply_refund(order, order.total, tell_learner=False)
        notify(order.user, "dispute_won" if won else "dispute_lost", order)
    return order
