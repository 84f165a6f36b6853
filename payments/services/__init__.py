"""Business rules of commerce, one module per concern; the names views and
other apps use are gathered here."""

from ..errors import (
    AlreadyEnrolled,
    AlreadySubscribed,
    CheckoutError,
    CouponError,
    InvalidWebhook,
    NotForSale,
    NotSubscribed,
    PayoutError,
    RefundError,
)
from .checkout import fail_checkout, fulfil_checkout, start_checkout
from .webhooks import handle_webhook

__all__ = [
    "AlreadyEnrolled",
    "AlreadySubscribed",
    "CheckoutError",
    "CouponError",
    "InvalidWebhook",
    "NotForSale",
    "NotSubscribed",
    "PayoutError",
    "RefundError",
    "fail_checkout",
    "fulfil_checkout",
    "handle_webhook",
    "start_checkout",
]
