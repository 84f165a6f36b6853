"""Payment gateways behind one small interface, chosen through a registry.

A gateway has `create_checkout`, `retrieve_checkout`, `expire_checkout`,
`checkout_for_payment`, `payment_fee`, `parse_webhook` and `refund`; the
main gateways (Stripe, the offline one) also run subscriptions
(`create_subscription_checkout`, `retrieve_subscription`,
`retrieve_invoice`, `set_cancel_at_period_end`). Another provider is one
more class registered with `register_gateway`.

The main gateway is the first configured one. Staff may send a currency to
another (payments.models.CurrencyGateway): Paystack for ZAR, say. An order
keeps the name of the gateway it was opened with, and is always settled,
refunded and expired through that one.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from .base import (
    CheckoutSession,
    GatewayNotConfigured,
    InvoiceState,
    SubscriptionState,
    WebhookSignatureError,
    parse_signed_event,
    period_after,
    sign,
)
from .offline import OfflineGateway
from .paystack import PaystackGateway
from .razorpay_links import RazorpayGateway
from .stripe_checkout import StripeGateway

__all__ = [
    "CheckoutSession",
    "GatewayNotConfigured",
    "InvoiceState",
    "OfflineGateway",
    "PaystackGateway",
    "RazorpayGateway",
    "StripeGateway",
    "SubscriptionState",
    "WebhookSignatureError",
    "get_gateway",
    "offline_gateway_enabled",
    "parse_signed_event",
    "period_after",
    "register_gateway",
    "sign",
]


def offline_gateway_enabled():
    """The offline test gateway takes "payments" only where no real gateway
    is configured and the settings allow it: always on a laptop, in
    production only when `OFFLINE_GATEWAY` turns it on (a staging site)."""
    return not settings.STRIPE_SECRET_KEY and settings.PAYMENTS_OFFLINE_GATEWAY


# (name, is it configured here?, the class, may it be the main gateway?),
# in order of preference.
_gateways = []


def register_gateway(name, configured, gateway_class, *, main=True):
    _gateways.append((name, configured, gateway_class, main))


register_gateway("stripe", lambda: bool(settings.STRIPE_SECRET_KEY), StripeGateway)
register_gateway("offline", offline_gateway_enabled, OfflineGateway)
register_gateway(
    "paystack", lambda: bool(settings.PAYSTACK_SECRET_KEY), PaystackGateway, main=False
)
register_gateway(
    "razorpay",
    lambda: bool(
        settings.RAZORPAY_KEY_ID
        and settings.RAZORPAY_KEY_SECRET
        and settings.RAZORPAY_WEBHOOK_SECRET
    ),
    RazorpayGateway,
    main=False,
)


def get_gateway(name=None, currency=None):
    """The gateway called `name` (an order's own), else the one staff chose
    for `currency`, else the main gateway: the first configured (Stripe
    when a secret key is set, else the offline gateway where it is
    allowed). Anything else is a site that cannot take payments."""
    if name is None and currency:
        from ..models import CurrencyGateway  # models import this package

        chosen = (
            CurrencyGateway.objects.filter(currency=currency.upper())
            .values_list("gateway", flat=True)
            .first()
        )
        # A chosen gateway without its keys leaves the currency to the main one.
        if chosen and _configured(chosen):
            name = chosen
    for gateway_name, configured, gateway_class, main in _gateways:
        if (gateway_name == name if name else main) and configured():
            return gateway_class()
    raise GatewayNotConfigured(
        _("Payments are not available on this site right now. No money was taken.")
    )


def _configured(name):
    return any(n == name and configured() for n, configured, *_rest in _gateways)
