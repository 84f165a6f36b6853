"""What every payment gateway speaks: the shapes it answers with, and
Stripe-style signed webhooks (the offline gateway signs its events the same
way, so one parser checks both)."""

import hashlib
import hmac
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import stripe

from ..errors import CheckoutError


class WebhookSignatureError(Exception):
    """The webhook was not signed with the configured secret."""


@dataclass(frozen=True)
class CheckoutSession:
    """What the gateway says about a checkout (Stripe's Checkout Session, in short)."""

    id: str
    url: str
    paid: bool
    amount_total: int
    currency: str
    client_reference_id: str
    mode: str = "payment"
    payment_intent: str = ""
    subscription_id: str = ""
    expired: bool = False  # closed without payment: it can no longer be paid


@dataclass(frozen=True)
class SubscriptionState:
    """What the gateway says about a subscription, read fresh each time."""

    id: str
    status: str
    current_period_end: datetime
    cancel_at_period_end: bool
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class InvoiceState:
    """What the gateway says about a subscription's invoice for one period."""

    id: str
    subscription_id: str
    paid: bool
    amount: int  # charged (paid) or asked for (failed), minor units
    tax: int
    currency: str
    period_start: datetime
    period_end: datetime
    paid_at: datetime | None = None
    payment_intent: str = ""


def parse_signed_event(payload, signature, secret):
    """A webhook event, only if Stripe's library accepts its signature."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookSignatureError(str(error)) from error
    return event.to_dict()


def sign(payload, secret, timestamp=None):
    """A Stripe-Signature header (t=..., v1=HMAC-SHA256 of "t.payload")."""
    timestamp = int(timestamp or time.time())
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def period_after(start, interval):
    return start + (timedelta(days=365) if interval == "year" else timedelta(days=30))


class GatewayNotConfigured(CheckoutError):
    status_code = 503
