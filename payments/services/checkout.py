"""Buying a course: the order, the gateway's checkout, and fulfilment once.
Prices always come from the server; fulfilment happens once per checkout."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.models import TaxSettings
from learners import services as learning
from learners.models import Enrollment
from learners.notifications import notify
from learners.services.programmes import join_programme
from organisations.services.seats import add_seats

from .. import webhook_events
from ..errors import AlreadyEnrolled, CheckoutError, NotForSale
from ..gateways import GatewayNotConfigured, get_gateway
from ..models import Order, PaymentTransaction
from ..money import price_breakdown
from . import coupons, earnings, invoices, velocity


def start_checkout(
    user,
    course,
    success_url,
    cancel_url,
    coupon_code="",
    cohort_id=None,
    address=None,
):
    """The learner's open order for the course (reused on a second click with
    the same coupon) and the gateway page to pay it on. None as the checkout
    when a coupon makes the course free: the order is then already paid.
    The learner must have completed the courses it requires, and gets a seat
    in its cohort (`cohort_id`, or the next with room) while they pay.
    `address` is the buyer's network address, for the velocity checks."""
    if not course.live or course.pricing_type != course.PricingType.PAID:
        raise NotForSale(_("This course cannot be bought."))
    if Enrollment.objects.with_access().filter(user=user, course=course).exists():
        raise AlreadyEnrolled(_("You are already enrolled in this course."))
    velocity.check_checkout(user, address)
    gateway = get_gateway(currency=course.currency)
    with transaction.atomic():
        order, checkout = _open_order(
            user, course, gateway, coupons.normalise_code(coupon_code)
        )
        learning.hold_enrollment(user, course, cohort_id)
        if order.total == 0:
            return _mark_paid(order, reference=f"free-{order.pk}"), None
        if checkout is None:
            checkout = gateway.create_checkout(order, success_url, cancel_url)
            order.gateway_session_id = checkout.id
            order.save(update_fields=["gateway_session_id"])
    return order, checkout


def _open_order(user, course, gateway, code):
    """The open order to pay, with its checkout if it has one still usable."""
    order = (
        Order.objects.select_for_update(of=("self",))
        .select_related("coupon")
        .filter(user=user, course=course, status=Order.Status.PENDING)
        .first()
    )
    if (
        order
        and order.gateway == gateway.name
        and (order.coupon.code if order.coupon else "") == code
    ):
        checkout = (
            gateway.retrieve_checkout(order.gateway_session_id)
            if order.gateway_session_id
            else None
        )
        if checkout is None or not checkout.expired:
            return order, checkout
    # A new coupon, or a checkout that lapsed: check the coupon before giving
    # up the open order.
    coupon = coupons.take_coupon_use(code, user, course) if code else None
    if order:
        replace_order(order, gateway)
    return _new_order(user, course, gateway, coupon), None


def replace_order(order, gateway):
    """Expire an open order and its checkout, so only the new one can be paid.
    Should the old checkout be paid anyway, its payment is still honoured.
    The checkout is closed at the order's own gateway, whichever `gateway`
    the new order uses."""
    own = gateway if gateway.name == order.gateway else order_gateway(order)
    if order.gateway_session_id and own is not None:
        own.expire_checkout(order.gateway_session_id)
    return close_order(order, Order.Status.EXPIRED)


def order_gateway(order):
    """The gateway the order was opened with; None if the site no longer
    has it configured (nothing can then be asked of it)."""
    try:
        return get_gateway(order.gateway)
    except GatewayNotConfigured:
        return None


def taxed(amount, currency, discount=0):
    """The price with the site's tax, as every new order is priced."""
    tax = TaxSettings.for_site(Site.objects.filter(is_default_site=True).first())
    return price_breakdown(
        amount,
        currency,
        tax_rate_bp=tax.tax_rate_basis_points,
        tax_inclusive=tax.prices_include_tax,
        discount=discount,
    )


def create_open_order(gateway, breakdown, lookup, **fields):
    """A new open order for `lookup` (who buys what), or the one a parallel
    click opened first: the open-order constraints allow only one."""
    try:
        with transaction.atomic():
            return Order.objects.create(
                list_price=breakdown.list_price,
                discount=breakdown.discount,
                tax=breakdown.tax,
                total=breakdown.total,
                currency=breakdown.currency,
                gateway=gateway.name,
                **lookup,
                **fields,
            )
    except IntegrityError:
        return Order.objects.select_for_update().get(
            status=Order.Status.PENDING, **lookup
        )


def _new_order(user, course, gateway, coupon):
    breakdown = taxed(
        course.price,
        course.currency,
        discount=coupons.discount_for(coupon, course.price, course.currency)
        if coupon
        else 0,
    )
    try:
        with transaction.atomic():
            order = Order.objects.create(
                user=user,
                course=course,
                list_price=breakdown.list_price,
                discount=breakdown.discount,
                tax=breakdown.tax,
                total=breakdown.total,
                currency=breakdown.currency,
                gateway=gateway.name,
                coupon=coupon,
            )
    except IntegrityError:
        # A parallel click opened it first.
        return Order.objects.select_for_update().get(
            user=user, course=course, status=Order.Status.PENDING
        )
    if coupon:
        coupons.hold_use(coupon, order)
    return order


def fulfil_checkout(session_id):
    """Record a paid checkout once: re-read it from the order's gateway,
    check it matches the order, mark the order paid and enrol the learner."""
    name = (
        Order.objects.filter(gateway_session_id=session_id)
        .values_list("gateway", flat=True)
        .first()
    )
    gateway = get_gateway(name)
    checkout = gateway.retrieve_checkout(session_id)
    if checkout is None:
        raise CheckoutError(_("Unknown checkout."))
    # Asked before any row is locked: the fee makes earnings net of it.
    fee = (
        gateway.payment_fee(checkout.payment_intent, checkout.currency)
        if checkout.paid and checkout.payment_intent
        else 0
    )
    with transaction.atomic():
        order = _order_for_checkout(checkout)
        if order.status in (Order.Status.PAID, Order.Status.REFUNDED):
            return order
        if not checkout.paid:
            return order
        _check_amount(order, checkout)
        return _mark_paid(
            order, reference=session_id, payment=checkout.payment_intent, fee=fee
        )


def _order_for_checkout(checkout):
    order = (
        Order.objects.select_for_update(of=("self",))
        .select_related("user", "course", "programme")
        .filter(gateway_session_id=checkout.id)
        .first()
    )
    if order is None or str(order.pk) != checkout.client_reference_id:
        raise CheckoutError(_("This checkout does not belong to an order."))
    return order


def _check_amount(order, checkout):
    if (checkout.amount_total, checkout.currency.upper()) != (
        order.total,
        order.currency,
    ):
        raise CheckoutError(_("The amount paid does not match the order."))


def _mark_paid(order, reference, payment="", fee=0):
    """Money was taken (even on an order that had expired meanwhile): the
    order is paid, invoiced, shared with the instructor, and opens the course
    (or, bought as seats, adds them to the organisation's licence)."""
    order.mark_paid(payment)
    record_payment(order, reference)
    coupons.redeem(order)
    invoices.issue_invoice(order)
    earnings.record_sale(order, gateway_fee=fee)
    if order.is_for_seats:
        for course in earnings.bought_courses(order):
            add_seats(order.organisation, course, order.quantity)
    elif order.programme_id:
        join_programme(order.user, order.programme, Enrollment.Source.PURCHASE)
    else:
        learning.enroll(order.user, order.course, Enrollment.Source.PURCHASE)
    notify(order.user, "payment_receipt", order)
    webhook_events.order_paid(order)
    return order


def record_payment(order, reference):
    PaymentTransaction.objects.get_or_create(
        kind=PaymentTransaction.Kind.PAYMENT,
        reference=reference,
        defaults={"order": order, "amount": order.total, "currency": order.currency},
    )


def close_order(order, status):
    """A failed or expired order: its held coupon use and pending enrolment go."""
    order.close(status)
    coupons.release(order)
    if order.course_id and not order.is_for_seats:
        learning.release_held_enrollment(order.user, order.course)
    return order


def fail_checkout(session_id, status=Order.Status.FAILED):
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("user", "course")
            .filter(gateway_session_id=session_id, status=Order.Status.PENDING)
            .first()
        )
        if order:
            close_order(order, status)
            expired = status == Order.Status.EXPIRED
            notify(order.user, "order_expired" if expired else "payment_failed", order)
    return order
