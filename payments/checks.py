"""System checks for taking money: a production site needs a real gateway
(or the offline one turned on on purpose, for staging) and a webhook secret
of its own. `migrate`, `check` and the WSGI start-up run them."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def check_payment_gateway(app_configs=None, **kwargs):
    if not settings.PAYMENTS_REQUIRE_GATEWAY:
        return []
    if settings.STRIPE_SECRET_KEY:
        if settings.PAYMENTS_WEBHOOK_SECRET == settings.OFFLINE_WEBHOOK_SECRET:
            return [
                Error(
                    "STRIPE_WEBHOOK_SECRET is not set: webhooks would be checked "
                    "with the public test secret.",
                    hint="Set STRIPE_WEBHOOK_SECRET to the signing secret of "
                    "the Stripe webhook endpoint.",
                    id="payments.E002",
                )
            ]
        return []
    if settings.PAYMENTS_OFFLINE_GATEWAY:
        return []
    return [
        Error(
            "No payment gateway is configured, so paid courses cannot be sold.",
            hint="Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or, on a "
            "staging site only, OFFLINE_GATEWAY=true to use the offline test "
            "gateway (it takes no money).",
            id="payments.E001",
        )
    ]
