"""Buying a programme: one order for all its courses at the bundle price;
once paid, the learner joins it and each course once (checkout fulfils it
like any order), and the ledger splits the price between the courses."""

from django.db import transaction
from django.utils.translation import gettext as _

from learners.models import ProgrammeEnrollment

from ..errors import AlreadyEnrolled, NotForSale
from ..gateways import get_gateway
from ..models import Order
from .checkout import create_open_order, replace_order, taxed
from .velocity import check_checkout


def start_programme_checkout(user, programme, success_url, cancel_url, address=None):
    """The learner's open order for the programme (a second click reuses it)
    and the gateway page to pay it on."""
    if not programme.live or programme.pricing_type != programme.PricingType.PAID:
        raise NotForSale(_("This programme cannot be bought."))
    if not programme.courses:
        raise NotForSale(_("This programme has no courses open yet."))
    if ProgrammeEnrollment.objects.filter(user=user, programme=programme).exists():
        raise AlreadyEnrolled(_("You are already in this programme."))
    check_checkout(user, address)
    gateway = get_gateway(currency=programme.currency)
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .filter(user=user, programme=programme, status=Order.Status.PENDING)
            .first()
        )
        checkout = None
        if order and order.gateway_session_id and order.gateway == gateway.name:
            checkout = gateway.retrieve_checkout(order.gateway_session_id)
            if checkout is not None and checkout.expired:
                checkout = None
        # A price changed since the order was opened: the new one applies.
        if order and (checkout is None or order.list_price != programme.price):
            replace_order(order, gateway)
            order, checkout = None, None
        if order is None:
            order = _new_programme_order(user, programme, gateway)
        if checkout is None:
            checkout = gateway.create_checkout(order, success_url, cancel_url)
            order.gateway_session_id = checkout.id
            order.save(update_fields=["gateway_session_id"])
    return order, checkout


def _new_programme_order(user, programme, gateway):
    return create_open_order(
        gateway,
        taxed(programme.price, programme.currency),
        {"user": user, "programme": programme, "organisation": None},
    )
