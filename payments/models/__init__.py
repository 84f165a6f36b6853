"""Payments' models: orders and their ledger, coupons, invoices, subscriptions,
instructor earnings and payouts."""

from .coupons import Coupon, CouponRedemption
from .earnings import CourseRevenueShare, Earning, InstructorAccount, Payout
from .invoices import CreditNote, DocumentCounter, Invoice
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
    "CreditNote",
    "DocumentCounter",
    "Invoice",
    "OfflineCheckoutSession",
    "Order",
    "PaymentTransaction",
    "Payout",
    "StripeCustomer",
    "Subscription",
    "SubscriptionPlan",
    "WebhookEvent",
]
