"""Razorpay through its official `razorpay` client: one-off payments on a
Razorpay Payment Link (its hosted page), their fees, refunds and signed
webhooks. The payment link's id is the checkout's id; the payment it took
is the payment's id."""

import json

import razorpay
from django.conf import settings
from django.utils.translation import gettext as _
from razorpay.errors import (
    BadRequestError,
    GatewayError,
    ServerError,
    SignatureVerificationError,
)

from ..errors import CheckoutError
from .base import CheckoutSession, WebhookSignatureError

_CLOSED = ("cancelled", "expired")


class RazorpayError(CheckoutError):
    """Razorpay could not be reached, or refused a request: nothing was
    charged, and the learner is told to try again."""

    status_code = 503


class RazorpayGateway:
    name = "razorpay"

    def __init__(self):
        self.client = razorpay.Client(
            auth=(settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET),
            base_url=settings.RAZORPAY_API_BASE,
        )

    def create_checkout(self, order, success_url, cancel_url):
        link = _call(
            self.client.payment_link.create,
            {
                "amount": order.total,
                "currency": order.currency,
                "reference_id": f"cw-{order.pk}-{order.idempotency_key.hex[:12]}",
                "description": order.item_title[:2048],
                "customer": {"email": order.user.email},
                "notify": {"email": False, "sms": False},
                # Razorpay adds the link's id and the payment's to the address.
                "callback_url": success_url.replace("{CHECKOUT_SESSION_ID}", ""),
                "callback_method": "get",
                "notes": {"order": str(order.pk)},
            },
        )
        return _as_checkout(link)

    def retrieve_checkout(self, session_id):
        try:
            link = self.client.payment_link.fetch(
                session_id, timeout=settings.PAYMENTS_GATEWAY_TIMEOUT
            )
        except BadRequestError:
            return None
        except (GatewayError, ServerError, OSError) as error:
            raise _unreachable() from error
        return _as_checkout(link)

    def expire_checkout(self, session_id):
        """A link nobody should pay any more is cancelled; one paid or closed
        meanwhile cannot be, and its own events then decide."""
        try:
            self.client.payment_link.cancel(
                session_id, timeout=settings.PAYMENTS_GATEWAY_TIMEOUT
            )
        except BadRequestError:
            return
        except (GatewayError, ServerError, OSError) as error:
            raise _unreachable() from error

    def checkout_for_payment(self, payment_id):
        """Razorpay's payment does not name its link: orders are found by
        the payment id they keep once paid."""
        return None

    def payment_fee(self, payment_id, currency):
        payment = _call(self.client.payment.fetch, payment_id)
        return int(payment.get("fee") or 0)

    def refund(self, order, amount):
        refund = _call(
            self.client.payment.refund,
            order.gateway_payment_id,
            {"amount": amount},
        )
        return str(refund.get("id", ""))

    def refunded_total(self, payment_id):
        payment = _call(self.client.payment.fetch, payment_id)
        return int(payment.get("amount_refunded") or 0)

    def parse_webhook(self, payload, signature):
        """The event, only if it is signed with the webhook secret
        (HMAC-SHA256 of the raw body, in X-Razorpay-Signature)."""
        body = payload.decode("utf-8", "replace")
        try:
            self.client.utility.verify_webhook_signature(
                body, signature or "", settings.RAZORPAY_WEBHOOK_SECRET
            )
        except SignatureVerificationError as error:
            raise WebhookSignatureError(
                "The Razorpay signature does not match."
            ) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise WebhookSignatureError("The event is not JSON.") from error


def _call(method, *arguments):
    try:
        # The client sets no time limit of its own: a slow Razorpay must
        # not hold a worker.
        return method(*arguments, timeout=settings.PAYMENTS_GATEWAY_TIMEOUT)
    except BadRequestError as error:
        raise RazorpayError(
            _("The payment provider refused: %(reason)s") % {"reason": error}
        ) from error
    except (GatewayError, ServerError, OSError) as error:
        raise _unreachable() from error


def _unreachable():
    return RazorpayError(
        _("The payment provider could not be reached; nothing was charged.")
    )


def _as_checkout(link):
    payments = [p for p in link.get("payments") or [] if p.get("status") == "captured"]
    return CheckoutSession(
        id=link.get("id", ""),
        url=link.get("short_url") or "",
        paid=link.get("status") == "paid",
        amount_total=int(link.get("amount_paid") or link.get("amount") or 0)
        if link.get("status") == "paid"
        else int(link.get("amount") or 0),
        currency=(link.get("currency") or "").upper(),
        client_reference_id=str((link.get("notes") or {}).get("order", "")),
        payment_intent=payments[-1]["payment_id"] if payments else "",
        expired=link.get("status") in _CLOSED,
    )
