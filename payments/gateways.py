"""Payment gateways behind one small interface; the offline test gateway
behaves like Stripe Checkout, so the whole flow works without a network."""

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .models import OfflineCheckoutSession


@dataclass(frozen=True)
class CheckoutSession:
    """What the gateway says about a checkout (Stripe's Checkout Session, in short)."""

    id: str
    url: str
    paid: bool
    amount_total: int
    currency: str
    client_reference_id: str


class OfflineGateway:
    """Checkout pages served by this site, with "pay" and "decline" buttons."""

    name = "offline"

    def create_checkout(self, order, success_url, cancel_url):
        session = OfflineCheckoutSession.objects.create(
            session_id=f"cs_test_{secrets.token_hex(12)}",
            amount_total=order.total,
            currency=order.currency.lower(),
            client_reference_id=str(order.pk),
            description=order.course.title,
            success_url=success_url,
            cancel_url=cancel_url,
        )
        return self._as_checkout(session)

    def retrieve_checkout(self, session_id):
        session = OfflineCheckoutSession.objects.filter(session_id=session_id).first()
        return self._as_checkout(session) if session else None

    def _as_checkout(self, session):
        return CheckoutSession(
            id=session.session_id,
            url=reverse("payments:test_gateway", args=[session.session_id]),
            paid=session.status == OfflineCheckoutSession.Status.COMPLETE,
            amount_total=session.amount_total,
            currency=session.currency,
            client_reference_id=session.client_reference_id,
        )

    def event_for(self, session):
        """A Stripe-shaped webhook event about the session, and its signature."""
        completed = session.status == OfflineCheckoutSession.Status.COMPLETE
        payload = json.dumps(
            {
                "id": f"evt_test_{secrets.token_hex(12)}",
                "object": "event",
                "type": "checkout.session.completed"
                if completed
                else "checkout.session.async_payment_failed",
                "data": {
                    "object": {
                        "id": session.session_id,
                        "object": "checkout.session",
                        "payment_status": "paid" if completed else "unpaid",
                        "amount_total": session.amount_total,
                        "currency": session.currency,
                        "client_reference_id": session.client_reference_id,
                    }
                },
            }
        )
        return payload, sign(payload, settings.PAYMENTS_WEBHOOK_SECRET)


def sign(payload, secret, timestamp=None):
    """A Stripe-Signature header (t=..., v1=HMAC-SHA256 of "t.payload")."""
    timestamp = int(timestamp or time.time())
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def get_gateway():
    """Stripe when a secret key is configured, otherwise the offline gateway."""
    if settings.STRIPE_SECRET_KEY:
        from .stripe_gateway import StripeGateway

        return StripeGateway()
    return OfflineGateway()
