"""Payment gateways behind one small interface, chosen through a registry.

A gateway has `create_checkout`, `create_subscription_checkout`,
`retrieve_checkout`, `expire_checkout`, `checkout_for_payment`,
`payment_fee`, `parse_webhook`, `refund`, `retrieve_subscription`,
`retrieve_invoice` and `set_cancel_at_period_end`. Another provider
(Paystack, PayFast, Razorpay) is one more class with these methods,
registered with `register_gateway`; the first configured one takes payments.
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
from .stripe_checkout import StripeGateway

__all__ = [
    "CheckoutSession",
    "GatewayNotConfigured",
    "InvoiceState",
    "OfflineGateway",
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


# (name, is it configured here?, the class), in order of preference.
_gateways = []


def register_gateway(name, configured, gateway_class):
    _gateways.append((name, configured, gateway_class))


register_gateway("stripe", lambda: bool(settings.STRIPE_SECRET_KEY), StripeGateway)
register_gateway("offline", offline_gateway_enabled, OfflineGateway)


def get_gateway():
    """The first configured gateway (Stripe when a secret key is set, else
    the offline gateway where it is allowed); anything else is a site that
    cannot take payments."""
    for _name, configured, gateway_class in _gateways:
        if configured():
            return gateway_class()
    raise GatewayNotConfigured(
        _("Payments are not available on this site right now. No money was taken.")
    )
