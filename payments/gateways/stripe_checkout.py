"""Stripe Checkout through the official `stripe` library: one-off payments,
subscriptions, refunds and signed webhooks."""

from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from ..errors import CheckoutError
from ..models import StripeCustomer
from .base import (
    CheckoutSession,
    InvoiceState,
    SubscriptionState,
    parse_signed_event,
)


class StripeGateway:
    name = "stripe"

    def __init__(self):
        self.client = stripe.StripeClient(
            settings.STRIPE_SECRET_KEY,
            base_addresses={"api": settings.STRIPE_API_BASE},
            max_network_retries=2,
        )

    def customer_for(self, user):
        """Each learner is one Stripe customer, created the first time they pay."""
        known = StripeCustomer.objects.filter(user=user).first()
        if known:
            return known.customer_id
        customer = self.client.v1.customers.create(
            params={"email": user.email, "metadata": {"user_id": str(user.pk)}},
            options={"idempotency_key": f"customer-{user.pk}"},
        )
        record, _ = StripeCustomer.objects.get_or_create(
            user=user, defaults={"customer_id": customer.id}
        )
        return record.customer_id

    def create_checkout(self, order, success_url, cancel_url):
        with _reachable():
            session = self._create_payment_session(order, success_url, cancel_url)
        return _as_checkout(session)

    def _create_payment_session(self, order, success_url, cancel_url):
        return self.client.v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "customer": self.customer_for(order.user),
                "client_reference_id": str(order.pk),
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": order.currency.lower(),
                            "unit_amount": order.total,
                            "product_data": {"name": _product_name(order)},
                        },
                    }
                ],
                "metadata": _metadata(order),
                # A declined card's event names the order (velocity checks).
                "payment_intent_data": {"metadata": {"order": str(order.pk)}},
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
            options={"idempotency_key": str(order.idempotency_key)},
        )

    def create_subscription_checkout(self, user, plan, success_url, cancel_url):
        metadata = {"user_id": str(user.pk), "plan_id": str(plan.pk)}
        with _reachable():
            session = self.client.v1.checkout.sessions.create(
                params={
                    "mode": "subscription",
                    "customer": self.customer_for(user),
                    "client_reference_id": f"user-{user.pk}",
                    "line_items": [{"quantity": 1, "price": plan.stripe_price_id}],
                    "subscription_data": {"metadata": metadata},
                    "metadata": metadata,
                    "success_url": success_url,
                    "cancel_url": cancel_url,
                }
            )
        return _as_checkout(session)

    def retrieve_checkout(self, session_id):
        try:
            session = self.client.v1.checkout.sessions.retrieve(session_id)
        except stripe.InvalidRequestError:
            return None
        return _as_checkout(session)

    def expire_checkout(self, session_id):
        """Close a checkout nobody should pay any more. One that was paid or
        closed meanwhile cannot be expired; its own events then decide."""
        try:
            self.client.v1.checkout.sessions.expire(session_id)
        except stripe.InvalidRequestError:
            return

    def checkout_for_payment(self, payment_intent):
        """The checkout that took a payment: needed when a refund or dispute
        arrives before the checkout's own completion event."""
        sessions = self.client.v1.checkout.sessions.list(
            params={"payment_intent": payment_intent, "limit": 1}
        )
        return _as_checkout(sessions.data[0]) if sessions.data else None

    def payment_fee(self, payment_intent, currency):
        """Stripe's fee for a payment, read from the charge's balance
        transaction, in the payment's currency (minor units). A payment whose
        balance transaction is not written yet counts no fee."""
        intent = _plain(
            self.client.v1.payment_intents.retrieve(
                payment_intent,
                params={"expand": ["latest_charge.balance_transaction"]},
            )
        )
        charge = intent.get("latest_charge")
        balance = (
            charge.get("balance_transaction") if isinstance(charge, dict) else None
        )
        if not isinstance(balance, dict):
            return 0
        fee = Decimal(balance["fee"])
        if balance["currency"].upper() != currency.upper():
            # Settled in another currency: back at the rate Stripe used.
            fee = fee / Decimal(str(balance.get("exchange_rate") or 1))
        return int(fee.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def parse_webhook(self, payload, signature):
        return parse_signed_event(payload, signature, settings.PAYMENTS_WEBHOOK_SECRET)

    def refund(self, order, amount):
        refund = self.client.v1.refunds.create(
            params={"payment_intent": order.gateway_payment_id, "amount": amount},
            options={"idempotency_key": f"refund-{order.pk}-{order.amount_refunded}"},
        )
        return refund.id

    def retrieve_subscription(self, subscription_id):
        try:
            subscription = self.client.v1.subscriptions.retrieve(subscription_id)
        except stripe.InvalidRequestError:
            return None
        return _as_subscription(subscription)

    def retrieve_invoice(self, invoice_id):
        """A subscription period's invoice, in the shape of any API version:
        newer ones moved the subscription under `parent` and the payment
        intent under `payments`, and give taxes as a list."""
        try:
            invoice = _plain(
                self.client.v1.invoices.retrieve(
                    invoice_id, params={"expand": ["payments"]}
                )
            )
        except stripe.InvalidRequestError:
            return None
        parent = (invoice.get("parent") or {}).get("subscription_details") or {}
        subscription_id = invoice.get("subscription") or parent.get("subscription")
        if not subscription_id:
            return None
        lines = (invoice.get("lines") or {}).get("data") or [{}]
        period = lines[0].get("period") or {}
        paid = invoice.get("status") == "paid"
        paid_at = (invoice.get("status_transitions") or {}).get("paid_at")
        return InvoiceState(
            id=invoice["id"],
            subscription_id=subscription_id,
            paid=paid,
            amount=invoice["amount_paid"] if paid else invoice["amount_due"],
            tax=_invoice_tax(invoice),
            currency=invoice["currency"],
            period_start=_when(period.get("start") or invoice["period_start"]),
            period_end=_when(period.get("end") or invoice["period_end"]),
            paid_at=_when(paid_at) if paid and paid_at else None,
            payment_intent=_invoice_payment_intent(invoice),
        )

    def set_cancel_at_period_end(self, subscription_id, cancel):
        subscription = self.client.v1.subscriptions.update(
            subscription_id, params={"cancel_at_period_end": cancel}
        )
        return _as_subscription(subscription)


class StripeUnavailable(CheckoutError):
    """Stripe could not be reached (or failed) while a checkout was being
    opened: nothing was charged, and the learner is told to try again."""

    status_code = 503


@contextmanager
def _reachable():
    # Only where a checkout is opened: events and fulfilment keep Stripe's
    # own errors, so a webhook is answered 503 and sent again.
    try:
        yield
    except (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError) as error:
        raise StripeUnavailable(
            _("The payment provider could not be reached; nothing was charged.")
        ) from error


def _as_checkout(session):
    return CheckoutSession(
        id=session.id,
        url=session.url or "",
        paid=session.payment_status in ("paid", "no_payment_required"),
        amount_total=session.amount_total,
        currency=session.currency,
        client_reference_id=session.client_reference_id or "",
        mode=getattr(session, "mode", None) or "payment",
        payment_intent=getattr(session, "payment_intent", None) or "",
        subscription_id=getattr(session, "subscription", None) or "",
        expired=getattr(session, "status", None) == "expired",
    )


def _as_subscription(subscription):
    # Newer API versions keep the period on the subscription's items.
    period_end = getattr(subscription, "current_period_end", None)
    if period_end is None:
        period_end = subscription["items"]["data"][0]["current_period_end"]
    return SubscriptionState(
        id=subscription.id,
        status=subscription.status,
        current_period_end=datetime.fromtimestamp(period_end, tz=UTC),
        cancel_at_period_end=bool(subscription.cancel_at_period_end),
        metadata=_plain(getattr(subscription, "metadata", None)),
    )


def _when(timestamp):
    return datetime.fromtimestamp(int(timestamp), tz=UTC)


def _invoice_tax(invoice):
    if invoice.get("tax") is not None:
        return invoice["tax"]
    return sum(item.get("amount", 0) for item in invoice.get("total_taxes") or [])


def _invoice_payment_intent(invoice):
    if invoice.get("payment_intent"):
        intent = invoice["payment_intent"]
        return intent["id"] if isinstance(intent, dict) else intent
    for record in (invoice.get("payments") or {}).get("data") or []:
        payment = record.get("payment") or {}
        if payment.get("payment_intent"):
            return payment["payment_intent"]
    return ""


def _plain(stripe_object):
    return stripe_object.to_dict() if stripe_object is not None else {}


def _product_name(order):
    if order.is_for_seats:
        return f"{order.item_title}: {order.quantity} seats"
    return order.item_title


def _metadata(order):
    if order.programme_id:
        return {"order": str(order.pk), "programme": str(order.programme_id)}
    return {"order": str(order.pk), "course": str(order.course_id)}
