"""Paystack through the `pypaystack2` client: one-off payments on Paystack's
hosted page, their verification, fees, refunds and signed webhooks.

A Paystack transaction is known by the reference we give it, so that
reference is the checkout's id and its payment's id alike."""

import hashlib
import hmac
import json

from django.conf import settings
from django.utils.translation import gettext as _
from pypaystack2.exceptions import ClientNetworkError
from pypaystack2.sub_clients import RefundClient, TransactionClient

from ..errors import CheckoutError
from .base import CheckoutSession, WebhookSignatureError

# Transactions that can no longer be paid.
_CLOSED = ("failed", "reversed")


class PaystackError(CheckoutError):
    """Paystack could not be reached, or refused a request: nothing was
    charged, and the learner is told to try again."""

    status_code = 503


class PaystackGateway:
    name = "paystack"

    def __init__(self):
        self.transactions = _client(TransactionClient)
        self.refunds = _client(RefundClient)

    def create_checkout(self, order, success_url, cancel_url):
        reference = f"cw-{order.pk}-{order.idempotency_key.hex[:12]}"
        response = _call(
            self.transactions.initialize,
            amount=order.total,
            email=order.user.email,
            currency=order.currency,
            reference=reference,
            callback_url=success_url.replace("{CHECKOUT_SESSION_ID}", reference),
            metadata={"order": str(order.pk), "cancel_action": cancel_url},
        )
        body = _answer(response)
        return CheckoutSession(
            id=reference,
            url=body["authorization_url"],
            paid=False,
            amount_total=order.total,
            currency=order.currency,
            client_reference_id=str(order.pk),
        )

    def retrieve_checkout(self, session_id):
        response = _call(self.transactions.verify, reference=session_id)
        if response.status_code == 404:
            return None
        return _as_checkout(_answer(response))

    def expire_checkout(self, session_id):
        """Paystack has no way to close an open transaction: a replaced order
        is never fulfilled by it, and a payment that comes anyway is
        honoured as with any gateway."""

    def checkout_for_payment(self, payment_id):
        return self.retrieve_checkout(payment_id)

    def payment_fee(self, payment_id, currency):
        body = _answer(_call(self.transactions.verify, reference=payment_id))
        return int(body.get("fees") or 0)

    def refund(self, order, amount):
        body = _answer(
            _call(
                self.refunds.create, transaction=order.gateway_payment_id, amount=amount
            )
        )
        return str(body.get("id", ""))

    def refunded_total(self, reference):
        """What has been refunded of a payment in all, from Paystack's list."""
        response = _call(self.refunds.get_refunds, transaction=reference)
        rows = response.raw.get("data") or [] if isinstance(response.raw, dict) else []
        return sum(
            int(row.get("amount") or 0)
            for row in rows
            if row.get("status") in ("processed", "processing", "pending")
        )

    def parse_webhook(self, payload, signature):
        """The event, only if it is signed with our secret key (HMAC-SHA512
        of the raw body, in the x-paystack-signature header)."""
        expected = hmac.new(
            settings.PAYSTACK_SECRET_KEY.encode(), payload, hashlib.sha512
        ).hexdigest()
        if not signature or not hmac.compare_digest(expected, signature):
            raise WebhookSignatureError("The Paystack signature does not match.")
        try:
            return json.loads(payload)
        except ValueError as error:
            raise WebhookSignatureError("The event is not JSON.") from error


def _client(client_class):
    client = client_class(secret_key=settings.PAYSTACK_SECRET_KEY)
    # The client reads its address from this attribute; set per instance so
    # a site (or a test's local stand-in) can point it elsewhere.
    client._BASE_URL = settings.PAYSTACK_API_BASE
    return client


def _call(method, **arguments):
    try:
        return method(**arguments)
    except ClientNetworkError as error:
        raise PaystackError(
            _("The payment provider could not be reached; nothing was charged.")
        ) from error


def _answer(response):
    body = response.raw if isinstance(response.raw, dict) else {}
    if not body.get("status"):
        raise PaystackError(
            _("The payment provider refused: %(reason)s")
            % {"reason": body.get("message") or _("no reason given")}
        )
    return body.get("data") or {}


def _as_checkout(body):
    metadata = body.get("metadata") or {}
    if isinstance(metadata, str):  # Paystack returns it as it was sent
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = {}
    return CheckoutSession(
        id=body.get("reference", ""),
        url=body.get("authorization_url") or "",
        paid=body.get("status") == "success",
        amount_total=int(body.get("amount") or 0),
        currency=(body.get("currency") or "").upper(),
        client_reference_id=str(metadata.get("order", "")),
        payment_intent=body.get("reference", ""),
        expired=body.get("status") in _CLOSED,
    )
