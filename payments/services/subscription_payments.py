"""Subscription periods: each paid period is recorded once, net of the
gateway's fee, invoiced in the INV series and receipted; a failed one tells
the learner how to keep their access."""

from django.db import IntegrityError, transaction

from learners.notifications import notify

from ..gateways import OfflineGateway, get_gateway
from ..models import SubscriptionPayment
from .invoices import issue_period_invoice
from .subscriptions import sync_subscription


def invoice_reported(invoice_id):
    """The gateway says a subscription invoice was paid or failed. Its state
    is read from the gateway, never from the event; a paid period is final,
    so a replayed or late "failed" event cannot undo it."""
    gateway = get_gateway()
    state = gateway.retrieve_invoice(invoice_id)
    if state is None:
        return None
    subscription = sync_subscription(state.subscription_id)
    if subscription is None:
        return None
    with transaction.atomic():
        payment, created = _locked_or_new(subscription, state)
        if payment.status == SubscriptionPayment.Status.PAID:
            return payment
        if not state.paid:
            if created:
                notify(subscription.user, "subscription_payment_failed", payment)
            return payment
        fee = (
            gateway.payment_fee(state.payment_intent, state.currency)
            if state.payment_intent
            else 0
        )
        payment.amount, payment.tax = state.amount, min(state.tax, state.amount)
        payment.gateway_fee = max(0, min(fee, payment.amount - payment.tax))
        payment.mark_paid(state.paid_at or payment.created_at)
        payment.save()
        issue_period_invoice(payment)
        notify(subscription.user, "subscription_payment_receipt", payment)
    return payment


def _locked_or_new(subscription, state):
    found = SubscriptionPayment.objects.select_for_update().filter(
        gateway_invoice_id=state.id
    )
    payment = found.first()
    if payment is not None:
        return payment, False
    try:
        with transaction.atomic():
            payment = SubscriptionPayment.objects.create(
                subscription=subscription,
                gateway_invoice_id=state.id,
                status=SubscriptionPayment.Status.FAILED,
                amount=state.amount,
                currency=state.currency.upper(),
                period_start=state.period_start,
                period_end=state.period_end,
            )
        return payment, True
    except IntegrityError:
        return found.get(), False


def renew_offline_subscriptions():
    """Where the offline test gateway takes the payments, it renews its
    subscriptions when their period ends, as Stripe would, and reports each
    renewal through the same signed webhook."""
    from .webhooks import handle_webhook  # webhooks imports this module

    gateway = get_gateway()
    if not isinstance(gateway, OfflineGateway):
        return 0
    events = gateway.renew_due()
    for payload, signature in events:
        handle_webhook(payload, signature)
    return len(events)
