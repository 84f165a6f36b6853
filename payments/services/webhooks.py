"""Gateway webhooks: verify, store each event id once, then act. Every handler
re-reads the truth from the gateway or is idempotent on its own, so a
replayed, duplicated or out-of-order event changes nothing twice."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from home.errors import Refusal
from home.form_input import row_id

from ..errors import InvalidWebhook
from ..gateways import WebhookSignatureError, get_gateway
from ..models import Order, WebhookEvent
from . import disputes, refunds, subscription_payments, subscriptions, velocity
from .checkout import fail_checkout, fulfil_checkout


def handle_webhook(payload, signature):
    gateway = get_gateway()
    try:
        event = gateway.parse_webhook(payload, signature)
    except WebhookSignatureError as error:
        raise InvalidWebhook(_("The webhook signature is not valid.")) from error
    handler = HANDLERS.get(event["type"])
    return record_once(
        gateway.name,
        event["id"],
        event["type"],
        event,
        (lambda: handler(event["data"]["object"])) if handler else None,
    )


def record_once(gateway_name, event_id, event_type, event, act):
    """Store a verified event once, then `act` on it. The event row and its
    effects commit together: if acting fails (the gateway cannot be
    reached), nothing is stored and the gateway's retry is handled in full.
    A parallel copy waits on the unique event id."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(
                    gateway=gateway_name,
                    event_id=str(event_id)[:255],
                    event_type=str(event_type)[:100],
                    payload=event,
                )
        except IntegrityError:
            return "duplicate"
        if act is not None:
            _act(act, record)
    return event_type


def _act(act, record):
    """A refusal (say, an amount that does not match) is final: it is kept on
    the event for staff, and the gateway is not asked to send it again."""
    try:
        with transaction.atomic():
            act()
    except Refusal as refusal:
        record.refusal = refusal.message[:255]
        record.save(update_fields=["refusal"])


def _checkout_completed(session):
    if session.get("mode") == "subscription":
        if session.get("subscription"):
            subscriptions.sync_subscription(session["subscription"])
        return
    fulfil_checkout(session["id"])


def _checkout_failed(session):
    fail_checkout(session["id"])


def _checkout_expired(session):
    fail_checkout(session["id"], status=Order.Status.EXPIRED)


def _payment_failed(intent):
    """A declined card counts against the card's limit (payments.velocity);
    the order's buyer is the one who tried it."""
    error = intent.get("last_payment_error") or {}
    card = (error.get("payment_method") or {}).get("card") or {}
    order_id = row_id((intent.get("metadata") or {}).get("order"))
    order = (
        Order.objects.select_related("user").filter(pk=order_id).first()
        if order_id
        else None
    )
    velocity.count_declined_card(order and order.user, card.get("fingerprint"))


def _charge_refunded(charge):
    refunds.refund_reported(charge.get("payment_intent"), charge["amount_refunded"])


def _dispute_created(dispute):
    disputes.dispute_opened(dispute.get("payment_intent"), dispute.get("reason"))


def _dispute_closed(dispute):
    disputes.dispute_closed(dispute.get("payment_intent"), dispute.get("status"))


def _subscription_changed(subscription):
    subscriptions.sync_subscription(subscription["id"])


def _invoice_changed(invoice):
    # Newer API versions moved the subscription under the invoice's parent.
    subscription_id = invoice.get("subscription") or (
        ((invoice.get("parent") or {}).get("subscription_details") or {}).get(
            "subscription"
        )
    )
    if (
        subscription_payments.invoice_reported(invoice["id"]) is None
        and subscription_id
    ):
        subscriptions.sync_subscription(subscription_id)


HANDLERS = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "checkout.session.async_payment_failed": _checkout_failed,
    "checkout.session.expired": _checkout_expired,
    "payment_intent.payment_failed": _payment_failed,
    "charge.refunded": _charge_refunded,
    "charge.dispute.created": _dispute_created,
    "charge.dispute.closed": _dispute_closed,
    "customer.subscription.created": _subscription_changed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "invoice.paid": _invoice_changed,
    "invoice.payment_failed": _invoice_changed,
}
