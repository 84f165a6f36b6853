"""Paystack's webhooks: verified with the secret key, each event stored
once, then acted on through the same services as every gateway's. A paid
transaction is re-read from Paystack before the order is fulfilled."""

from django.utils.translation import gettext as _

from ..errors import InvalidWebhook
from ..gateways import WebhookSignatureError, get_gateway
from . import refunds
from .checkout import fulfil_checkout
from .webhooks import record_once


def handle_paystack_webhook(payload, signature):
    """`payload` is the raw body (bytes): the signature covers it exactly."""
    gateway = get_gateway("paystack")
    try:
        event = gateway.parse_webhook(payload, signature)
    except WebhookSignatureError as error:
        raise InvalidWebhook(_("The webhook signature is not valid.")) from error
    name, data = str(event.get("event", "")), event.get("data") or {}
    if not isinstance(data, dict):
        raise InvalidWebhook(_("The event has no data."))
    # Paystack sends no event id: the event and its object name it once.
    event_id = f"{name}:{data.get('id') or data.get('reference') or ''}"
    handler = HANDLERS.get(name)
    return record_once(
        gateway.name,
        event_id,
        name,
        event,
        (lambda: handler(gateway, data)) if handler else None,
    )


def _charge_success(gateway, transaction_data):
    reference = str(transaction_data.get("reference", ""))
    if reference:
        fulfil_checkout(reference)


def _refund_processed(gateway, refund):
    """A refund made at Paystack (or by us): what is refunded in all comes
    from Paystack's own list, so a refund staff started here counts once."""
    reference = str(refund.get("transaction_reference", ""))
    if reference:
        refunds.refund_reported(
            reference, gateway.refunded_total(reference), gateway=gateway
        )


HANDLERS = {
    "charge.success": _charge_success,
    "refund.processed": _refund_processed,
}
