"""Payments' models: orders and their ledger, coupons, invoices, subscriptions,
instructor earnings and payouts."""

from .coupons import Coupon, CouponRedemption
from .earnings import CourseRevenueShare, Earning, InstructorAccount, Payout
from .invoices import Invoice, InvoiceCounter
from .orders import (
    OfflineCheckoutSession,
    Order,
    PaymentTransaction,
    StripeCustomer,
    WebhookEvent,
)
from .subscriptions import Subscription, SubscriptionPlan

__all__ = [
    "Coupon",
    "CouponRedemption",
    "CourseRevenueShare",
    "Earning",
    "InstructorAccount",
    "Invoice",
    "InvoiceCounter",
    "OfflineCheckoutSession",
    "Order",
    "PaymentTransaction",
    "Payout",
    "StripeCustomer",
    "Subscription",
    "SubscriptionPlan",
    "WebhookEvent",
]
