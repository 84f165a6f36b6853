"""Refunds, whether staff start them or the gateway reports them.
Both paths compute the same cumulative refunded amount, so a refund made from
the admin and then reported by the gateway's webhook is recorded once."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.audit import Action, record
from home.money import format_money
from learners.models import Enrollment
from learners.notifications import notify
from organisations.services.seats import remove_seats

from .. import webhook_events
from ..errors import RefundError
from ..gateways import get_gateway
from ..models import Order, PaymentTransaction
from . import coupons, earnings, invoices
from .checkout import record_payment


def refund_order(order_id, by=None):
    """Staff refund the rest of a paid order through its gateway."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        gateway = get_gateway(order.gateway)
        if order.status != Order.Status.PAID:
            raise RefundError(_("Only a paid order can be refunded."))
        amount = order.total - order.amount_refunded
        if amount <= 0:
            raise RefundError(_("This order has already been refunded."))
        gateway.refund(order, amount)
        record(
            Action.REFUND,
            order,
            f"{format_money(amount, order.currency)} through {order.gateway}",
            actor=by,
        )
        return apply_refund(order, order.total)


def refund_reported(payment_intent, refunded_total, gateway=None):
    """The gateway says this much of a payment has been refunded in all. It may
    arrive before the checkout's completion event: the order then ends
    refunded, and the late completion changes nothing."""
    with transaction.atomic():
        order = _order_for_payment(payment_intent, gateway)
        if order is None:
            return None
        if order.status == Order.Status.PENDING:
            order.gateway_payment_id = payment_intent
            record_payment(order, reference=order.gateway_session_id)
        return apply_refund(order, min(refunded_total, order.total))


def apply_refund(order, refunded_total, *, tell_learner=True):
    """Record the refund up to `refunded_total` on a locked order, once.
    `tell_learner` is off for a lost dispute, which has its own e-mail."""
    if refunded_total <= order.amount_refunded:
        return order
    refund, _created = PaymentTransaction.objects.get_or_create(
        kind=PaymentTransaction.Kind.REFUND,
        reference=f"refund-{order.pk}-{refunded_total}",
        defaults={
            "order": order,
            "amount": refunded_total - order.amount_refunded,
            "currency": order.currency,
        },
    )
    if order.record_refunded(refunded_total):
        _end_access(order)
        earnings.reverse_sale(order)
        coupons.release(order)
    invoices.issue_credit_note(refund)
    webhook_events.order_refunded(order)
    if tell_learner:
        notify(order.user, "refund_issued", refund)
    return order


def _end_access(order):
    """Access ends; progress, attempts and grades are kept. Refunded seats
    leave the organisation's licence, as far as they are not given."""
    if order.is_for_seats:
        for course in earnings.bought_courses(order):
            remove_seats(order.organisation, course, order.quantity)
        return
    Enrollment.objects.filter(
        user_id=order.user_id,
        course_id__in=earnings.courses_bought(order),
        source=Enrollment.Source.PURCHASE,
    ).update(status=Enrollment.Status.REFUNDED, updated_at=timezone.now())


def _order_for_payment(payment_intent, gateway=None):
    if not payment_intent:
        return None
    order = (
        Order.objects.select_for_update()
        .filter(gateway_payment_id=payment_intent)
        .first()
    )
    if order:
        return order
    checkout = (gateway or get_gateway()).checkout_for_payment(payment_intent)
    if checkout is None:
        return None
    return (
        Order.objects.select_for_update().filter(gateway_session_id=checkout.id).first()
    )
