"""Looking after open orders: a reminder for an abandoned checkout, expiry
of stale ones, and subscriptions whose paid period ran out unannounced."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learners.notifications import notify

from ..models import Order
from .checkout import fulfil_checkout, order_gateway, replace_order
from .subscriptions import lapsed_subscriptions, sync_subscription


def remind_abandoned_checkouts():
    """One reminder per order left unpaid for a while."""
    cutoff = timezone.now() - timedelta(
        minutes=settings.PAYMENTS_REMINDER_AFTER_MINUTES
    )
    reminded = 0
    for order_id in Order.objects.filter(
        status=Order.Status.PENDING, created_at__lte=cutoff, reminder_sent_at=None
    ).values_list("pk", flat=True):
        with transaction.atomic():
            order = (
                Order.objects.select_for_update()
                .select_related("user")
                .filter(pk=order_id, status=Order.Status.PENDING, reminder_sent_at=None)
                .first()
            )
            if order:
                order.reminder_sent_at = timezone.now()
                order.save(update_fields=["reminder_sent_at"])
                notify(order.user, "checkout_reminder", order)
                reminded += 1
    return reminded


def expire_stale_orders():
    """Orders unpaid after the gateway's checkout lifetime expire, unless the
    gateway says they were paid after all (then they are fulfilled)."""
    cutoff = timezone.now() - timedelta(hours=settings.PAYMENTS_ORDER_LIFETIME_HOURS)
    gateways = {}
    expired = 0
    for order in Order.objects.filter(
        status=Order.Status.PENDING, created_at__lte=cutoff
    ).only("pk", "gateway", "gateway_session_id"):
        # Each order is asked of its own gateway; one the site no longer
        # has cannot say, so its orders wait for it.
        if order.gateway not in gateways:
            gateways[order.gateway] = order_gateway(order)
        gateway = gateways[order.gateway]
        if gateway is None:
            continue
        checkout = (
            gateway.retrieve_checkout(order.gateway_session_id)
            if order.gateway_session_id
            else None
        )
        if checkout and checkout.paid:
            fulfil_checkout(checkout.id)
        elif _expire(order, gateway):
            expired += 1
    return expired


def _expire(order, gateway):
    with transaction.atomic():
        locked = (
            # Only the order's row: its course or programme is an outer join.
            Order.objects.select_for_update(of=("self",))
            .filter(pk=order.pk, status=Order.Status.PENDING)
            .select_related("user", "course", "programme")
            .first()
        )
        if locked is None:
            return None
        replace_order(locked, gateway)
        notify(locked.user, "order_expired", locked)
        return locked


def resync_lapsed_subscriptions():
    return [
        sync_subscription(s.gateway_subscription_id) for s in lapsed_subscriptions()
    ]
