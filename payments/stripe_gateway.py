"""Stripe Checkout through the official `stripe` library (one-off payments)."""

import stripe
from django.conf import settings

from .gateways import CheckoutSession
from .models import StripeCustomer


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
        session = self.client.v1.checkout.sessions.create(
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
                            "product_data": {"name": order.course.title},
                        },
                    }
                ],
                "metadata": {"order": str(order.pk), "course": str(order.course_id)},
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
            options={"idempotency_key": str(order.idempotency_key)},
        )
        return _as_checkout(session)

    def retrieve_checkout(self, session_id):
        try:
            session = self.client.v1.checkout.sessions.retrieve(session_id)
        except stripe.InvalidRequestError:
            return None
        return _as_checkout(session)


def _as_checkout(session):
    return CheckoutSession(
        id=session.id,
        url=session.url,
        paid=session.payment_status == "paid",
        amount_total=session.amount_total,
        currency=session.currency,
        client_reference_id=session.client_reference_id or "",
    )
