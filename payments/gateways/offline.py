"""The offline test gateway: behaves like Stripe Checkout (sessions, signed
webhooks, subscriptions renewed each period), so the whole flow works
without a network. It takes no money."""

import json
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..models import OfflineCheckoutSession, OfflineInvoice
from .base import (
    CheckoutSession,
    InvoiceState,
    SubscriptionState,
    parse_signed_event,
    period_after,
    sign,
)

# The fingerprint of the test gateway's one card.
TEST_CARD = "fp_offline_test_card"


class OfflineGateway:
    """Checkout pages served by this site, with "pay" and "decline" buttons."""

    name = "offline"

    def create_checkout(self, order, success_url, cancel_url):
        session = OfflineCheckoutSession.objects.create(
            session_id=f"cs_test_{secrets.token_hex(12)}",
            amount_total=order.total,
            currency=order.currency.lower(),
            client_reference_id=str(order.pk),
            description=order.item_title,
            success_url=success_url,
            cancel_url=cancel_url,
        )
        return self._as_checkout(session)

    def create_subscription_checkout(self, user, plan, success_url, cancel_url):
        session = OfflineCheckoutSession.objects.create(
            session_id=f"cs_test_{secrets.token_hex(12)}",
            mode=OfflineCheckoutSession.Mode.SUBSCRIPTION,
            plan=plan,
            amount_total=plan.price,
            currency=plan.currency.lower(),
            client_reference_id=f"user-{user.pk}",
            description=plan.checkout_label,
            success_url=success_url,
            cancel_url=cancel_url,
        )
        return self._as_checkout(session)

    def retrieve_checkout(self, session_id):
        session = OfflineCheckoutSession.objects.filter(session_id=session_id).first()
        return self._as_checkout(session) if session else None

    def checkout_for_payment(self, payment_intent):
        session = OfflineCheckoutSession.objects.filter(
            payment_intent=payment_intent
        ).first()
        return self._as_checkout(session) if session else None

    def expire_checkout(self, session_id):
        OfflineCheckoutSession.objects.filter(
            session_id=session_id, status=OfflineCheckoutSession.Status.OPEN
        ).update(status=OfflineCheckoutSession.Status.EXPIRED)

    def parse_webhook(self, payload, signature):
        return parse_signed_event(payload, signature, settings.PAYMENTS_WEBHOOK_SECRET)

    def payment_fee(self, payment_intent, currency):
        """The offline gateway takes no money, so it keeps no fee."""
        return 0

    def refund(self, order, amount):
        session = OfflineCheckoutSession.objects.select_for_update().get(
            session_id=order.gateway_session_id
        )
        session.refunded = min(session.amount_total, session.refunded + amount)
        session.save(update_fields=["refunded"])
        return f"re_test_{secrets.token_hex(12)}"

    def retrieve_subscription(self, subscription_id):
        session = (
            OfflineCheckoutSession.objects.filter(subscription_id=subscription_id)
            .select_related("plan")
            .first()
        )
        if session is None:
            return None
        return SubscriptionState(
            id=session.subscription_id,
            status=session.subscription_status,
            current_period_end=session.period_end,
            cancel_at_period_end=session.cancel_at_period_end,
            metadata=self._subscription_metadata(session),
        )

    def retrieve_invoice(self, invoice_id):
        invoice = (
            OfflineInvoice.objects.filter(invoice_id=invoice_id)
            .select_related("session")
            .first()
        )
        if invoice is None:
            return None
        paid = invoice.status == "paid"
        return InvoiceState(
            id=invoice.invoice_id,
            subscription_id=invoice.session.subscription_id,
            paid=paid,
            amount=invoice.amount,
            tax=0,
            currency=invoice.currency,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            paid_at=invoice.created_at if paid else None,
            payment_intent=invoice.payment_intent,
        )

    def set_cancel_at_period_end(self, subscription_id, cancel):
        OfflineCheckoutSession.objects.filter(subscription_id=subscription_id).update(
            cancel_at_period_end=cancel
        )
        return self.retrieve_subscription(subscription_id)

    # The test gateway's own "pay" and "decline" buttons --------------------

    def complete(self, session, paid):
        """The learner pressed "pay" or "decline" on the test checkout page."""
        session.status = session.Status.COMPLETE if paid else session.Status.DECLINED
        if paid:
            session.payment_intent = f"pi_test_{secrets.token_hex(12)}"
            if session.mode == session.Mode.SUBSCRIPTION:
                session.subscription_id = f"sub_test_{secrets.token_hex(12)}"
                session.subscription_status = "active"
                session.period_end = timezone.now()
        session.save()
        if paid and session.mode == session.Mode.SUBSCRIPTION:
            return self.bill_period(session, paid=True)
        return None

    def bill_period(self, session, paid):
        """Charge the test card for the subscription's next period, as Stripe
        does when a period ends: paid, the period moves on; declined, the
        subscription is past due. Returns the period's invoice."""
        start = session.period_end
        end = period_after(start, session.plan.interval)
        invoice = OfflineInvoice.objects.create(
            invoice_id=f"in_test_{secrets.token_hex(12)}",
            session=session,
            status="paid" if paid else "open",
            amount=session.plan.price,
            currency=session.currency,
            period_start=start,
            period_end=end,
            payment_intent=f"pi_test_{secrets.token_hex(12)}" if paid else "",
        )
        session.subscription_status = "active" if paid else "past_due"
        if paid:
            session.period_end = end
        session.save(update_fields=["subscription_status", "period_end"])
        return invoice

    def renew_due(self, now=None):
        """Bill every test subscription whose period has ended and that is
        not set to end, and end those set to: the offline stand-in for
        Stripe's renewals. Returns the signed events to deliver."""
        now = now or timezone.now()
        due = OfflineCheckoutSession.objects.filter(
            mode=OfflineCheckoutSession.Mode.SUBSCRIPTION,
            subscription_status="active",
            cancel_at_period_end=False,
            period_end__lte=now,
        ).select_related("plan")
        events = []
        for session in due:
            invoice = self.bill_period(session, paid=True)
            events.append(self.invoice_event(invoice))
        for session in OfflineCheckoutSession.objects.filter(
            mode=OfflineCheckoutSession.Mode.SUBSCRIPTION,
            subscription_status="active",
            cancel_at_period_end=True,
            period_end__lte=now,
        ):
            session.subscription_status = "canceled"
            session.save(update_fields=["subscription_status"])
            events.append(
                self._signed(
                    "customer.subscription.deleted",
                    {"id": session.subscription_id, "object": "subscription"},
                )
            )
        return events

    def invoice_event(self, invoice):
        """A Stripe-shaped `invoice.paid` or `invoice.payment_failed` event."""
        return self._signed(
            "invoice.paid" if invoice.status == "paid" else "invoice.payment_failed",
            {
                "id": invoice.invoice_id,
                "object": "invoice",
                "subscription": invoice.session.subscription_id,
            },
        )

    def _signed(self, event_type, obj):
        payload = json.dumps(
            {
                "id": f"evt_test_{secrets.token_hex(12)}",
                "object": "event",
                "type": event_type,
                "data": {"object": obj},
            }
        )
        return payload, sign(payload, settings.PAYMENTS_WEBHOOK_SECRET)

    def event_for(self, session):
        """A Stripe-shaped webhook event about the session, and its signature."""
        payload = json.dumps(
            {
                "id": f"evt_test_{secrets.token_hex(12)}",
                "object": "event",
                "type": "checkout.session.completed"
                if session.paid
                else "checkout.session.async_payment_failed",
                "data": {"object": self._as_stripe_object(session)},
            }
        )
        return payload, sign(payload, settings.PAYMENTS_WEBHOOK_SECRET)

    def declined_payment_event(self, session):
        """Stripe's event for a declined card, naming the order and the
        card's fingerprint (the test gateway has one test card)."""
        payload = json.dumps(
            {
                "id": f"evt_test_{secrets.token_hex(12)}",
                "object": "event",
                "type": "payment_intent.payment_failed",
                "data": {
                    "object": {
                        "id": f"pi_test_{secrets.token_hex(12)}",
                        "object": "payment_intent",
                        "metadata": {"order": session.client_reference_id},
                        "last_payment_error": {
                            "code": "card_declined",
                            "payment_method": {"card": {"fingerprint": TEST_CARD}},
                        },
                    }
                },
            }
        )
        return payload, sign(payload, settings.PAYMENTS_WEBHOOK_SECRET)

    def _as_stripe_object(self, session):
        return {
            "id": session.session_id,
            "object": "checkout.session",
            "mode": session.mode,
            "payment_status": "paid" if session.paid else "unpaid",
            "payment_intent": session.payment_intent or None,
            "subscription": session.subscription_id or None,
            "amount_total": session.amount_total,
            "currency": session.currency,
            "client_reference_id": session.client_reference_id,
        }

    def _subscription_metadata(self, session):
        return {
            "user_id": session.client_reference_id.removeprefix("user-"),
            "plan_id": str(session.plan_id),
        }

    def _as_checkout(self, session):
        return CheckoutSession(
            id=session.session_id,
            url=reverse("payments:test_gateway", args=[session.session_id]),
            paid=session.paid,
            amount_total=session.amount_total,
            currency=session.currency,
            client_reference_id=session.client_reference_id,
            mode=session.mode,
            payment_intent=session.payment_intent,
            subscription_id=session.subscription_id,
            expired=session.status in (session.Status.DECLINED, session.Status.EXPIRED),
        )
