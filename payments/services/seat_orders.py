"""Buying seats for an organisation: its manager pays for N seats of a
course, or of a programme (N seats in each of its courses), in one order
invoiced to the organisation; once paid, the seats join its licences
(payments.services.checkout fulfils it like any order)."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import ProgrammePage
from organisations.services.members import manages

from ..errors import NotForSale
from ..gateways import get_gateway
from ..models import Order
from .checkout import create_open_order, replace_order, taxed
from .velocity import check_checkout

MAX_SEATS = 1000


class NotAManager(NotForSale):
    status_code = 404


class BadSeatCount(NotForSale):
    status_code = 400


def start_seat_checkout(
    user, organisation, item, quantity, success_url, cancel_url, address=None
):
    """The open order for `quantity` seats of `item`, a course or a programme
    (a new order when the number changed), and the gateway page to pay it on."""
    if not manages(user, organisation):
        raise NotAManager(_("Not found."))
    if not item.live or item.pricing_type != item.PricingType.PAID:
        raise NotForSale(_("Seats are sold for paid courses and programmes only."))
    if isinstance(item, ProgrammePage) and not item.courses:
        raise NotForSale(_("This programme has no courses open yet."))
    if not 1 <= quantity <= MAX_SEATS:
        raise BadSeatCount(
            _("Buy between 1 and %(most)s seats at a time.") % {"most": MAX_SEATS}
        )
    check_checkout(user, address)
    gateway = get_gateway(currency=item.currency)
    bought = {"programme" if isinstance(item, ProgrammePage) else "course": item}
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(of=("self",))
            .filter(organisation=organisation, status=Order.Status.PENDING, **bought)
            .first()
        )
        checkout = None
        if (
            order
            and order.quantity == quantity
            and order.gateway_session_id
            and order.gateway == gateway.name
        ):
            checkout = gateway.retrieve_checkout(order.gateway_session_id)
            if checkout is not None and checkout.expired:
                checkout = None
        if order and checkout is None:
            replace_order(order, gateway)
            order = None
        if order is None:
            order = _new_seat_order(user, organisation, bought, quantity, gateway)
        if checkout is None:
            checkout = gateway.create_checkout(order, success_url, cancel_url)
            order.gateway_session_id = checkout.id
            order.save(update_fields=["gateway_session_id"])
    return order, checkout


def _new_seat_order(user, organisation, bought, quantity, gateway):
    (item,) = bought.values()
    return create_open_order(
        gateway,
        taxed(item.price * quantity, item.currency),
        {"organisation": organisation, **bought},
        user=user,
        quantity=quantity,
    )
