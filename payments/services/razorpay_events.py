"""Razorpay's webhooks: verified with the webhook secret, each event (by
Razorpay's event id) stored once, then acted on through the same services
as every gateway's. A paid link is re-read from Razorpay before the order
is fulfilled."""

from django.utils.translation import gettext as _

from ..errors import InvalidWebhook
from ..gateways import WebhookSignatureError, get_gateway
from . import refunds
from .checkout import fulfil_checkout
from .webhooks import record_once


def handle_razorpay_webhook(payload, signature, event_id):
    """`payload` is the raw body (bytes): the signature covers it exactly."""
    gateway = get_gateway("razorpay")
    try:
        event = gateway.parse_webhook(payload, signature)
    except WebhookSignatureError as error:
        raise InvalidWebhook(_("The webhook signature is not valid.")) from error
    name = str(event.get("event", ""))
    contents = event.get("payload") or {}
    if not event_id or not isinstance(contents, dict):
        raise InvalidWebhook(_("The event has no id or no contents."))
    handler = HANDLERS.get(name)
    return record_once(
        gateway.name,
        event_id,
        name,
        event,
        (lambda: handler(gateway, contents)) if handler else None,
    )


def _entity(contents, kind):
    entity = (contents.get(kind) or {}).get("entity")
    return entity if isinstance(entity, dict) else {}


def _link_paid(gateway, contents):
    link = _entity(contents, "payment_link")
    if link.get("id"):
        fulfil_checkout(str(link["id"]))


def _refund_processed(gateway, contents):
    """What is refunded in all is read from the payment at Razorpay, so a
    refund staff started here and its event count once."""
    payment_id = str(_entity(contents, "refund").get("payment_id", ""))
    if payment_id:
        refunds.refund_reported(
            payment_id, gateway.refunded_total(payment_id), gateway=gateway
        )


HANDLERS = {
    "payment_link.paid": _link_paid,
    "refund.processed": _refund_processed,
}
