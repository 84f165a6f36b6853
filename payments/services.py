"""Buying a course: checkout, fulfilment from the verified gateway, webhooks.
Prices always come from the server; fulfilment happens once per checkout."""

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.errors import Refusal
from home.models import TaxSettings
from learners import services as learning
from learners.models import Enrollment

from .gateways import get_gateway
from .models import Order, PaymentTransaction, WebhookEvent
from .money import price_breakdown


class CheckoutError(Refusal):
    """A refusal while buying: the course, the order or the gateway said no."""


class AlreadyEnrolled(CheckoutError):
    status_code = 409


class NotForSale(CheckoutError):
    status_code = 403


class InvalidWebhook(CheckoutError):
    status_code = 400


def start_checkout(user, course, success_url, cancel_url):
    """The learner's open order for the course (reused on a second click) and
    the gateway page to pay it on. Amounts come from the course, nowhere else."""
    if not course.live or course.pricing_type != course.PricingType.PAID:
        raise NotForSale(_("This course cannot be bought."))
    if Enrollment.objects.with_access().filter(user=user, course=course).exists():
        raise AlreadyEnrolled(_("You are already enrolled in this course."))
    gateway = get_gateway()
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(
            user=user, course=course, status=Order.Status.PENDING
        ).first() or _new_order(user, course, gateway)
        learning.hold_enrollment(user, course)
        checkout = (
            gateway.retrieve_checkout(order.gateway_session_id)
            if (order.gateway_session_id)
            else None
        )
        if checkout is None:
            checkout = gateway.create_checkout(order, success_url, cancel_url)
            order.gateway_session_id = checkout.id
            order.save(update_fields=["gateway_session_id"])
    return order, checkout


def _new_order(user, course, gateway):
    tax = TaxSettings.for_site(Site.objects.filter(is_default_site=True).first())
    breakdown = price_breakdown(
        course.price,
        course.currency,
        tax_rate_bp=tax.tax_rate_basis_points,
        tax_inclusive=tax.prices_include_tax,
    )
    try:
        with transaction.atomic():
            return Order.objects.create(
                user=user,
                course=course,
                list_price=breakdown.list_price,
                discount=breakdown.discount,
                tax=breakdown.tax,
                total=breakdown.total,
                currency=breakdown.currency,
                gateway=gateway.name,
            )
    except IntegrityError:
        return Order.objects.select_for_update().get(
            user=user, course=course, status=Order.Status.PENDING
        )


def fulfil_checkout(session_id):
    """Record a paid checkout once: re-read it from the gateway, check it
    matches the order, mark the order paid and enrol the learner."""
    checkout = get_gateway().retrieve_checkout(session_id)
    if checkout is None:
        raise CheckoutError(_("Unknown checkout."))
    with transaction.atomic():
        order = (
            Order.objects.select_for_update()
            .select_related("user", "course")
            .filter(gateway_session_id=session_id)
            .first()
        )
        if order is None or str(order.pk) != checkout.client_reference_id:
            raise CheckoutError(_("This checkout does not belong to an order."))
        if order.status == Order.Status.PAID or not checkout.paid:
            return order
        if (checkout.amount_total, checkout.currency.upper()) != (
            order.total,
            order.currency,
        ):
            raise CheckoutError(_("The amount paid does not match the order."))
        order.status = Order.Status.PAID
        order.paid_at = timezone.now()
        order.save(update_fields=["status", "paid_at"])
        PaymentTransaction.objects.create(
            order=order,
            kind=PaymentTransaction.Kind.PAYMENT,
            amount=order.total,
            currency=order.currency,
            reference=session_id,
        )
        learning.enroll(order.user, order.course, Enrollment.Source.PURCHASE)
    return order


def fail_checkout(session_id):
    with transaction.atomic():
        order = (
            Order.objects.select_for_update()
            .filter(gateway_session_id=session_id, status=Order.Status.PENDING)
            .first()
        )
        if order:
            order.status = Order.Status.FAILED
            order.save(update_fields=["status"])
            learning.release_held_enrollment(order.user, order.course)
    return order


def handle_webhook(payload, signature, secret):
    """Verify the signature with Stripe's library, store the event id once,
    and act on it. A replayed event changes nothing."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise InvalidWebhook(_("The webhook signature is not valid.")) from error
    session = event["data"]["object"]
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(
                gateway="stripe",
                event_id=event["id"],
                event_type=event["type"],
                payload=event.to_dict() if hasattr(event, "to_dict") else dict(event),
            )
    except IntegrityError:
        return "duplicate"
    if event["type"] in {
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
    }:
        fulfil_checkout(session["id"])
    elif event["type"] in {
        "checkout.session.async_payment_failed",
        "checkout.session.expired",
    }:
        fail_checkout(session["id"])
    return event["type"]
