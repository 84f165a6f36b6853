"""Payments' models: orders and their ledger, coupons, invoices, subscriptions
and their monthly statements, instructor earnings and payouts."""

from .coupons import Coupon, CouponRedemption
from .earnings import CourseRevenueShare, Earning, InstructorAccount, Payout
from .gateways import CurrencyGateway
from .invoices import CreditNote, DocumentCounter, Invoice
from .limits import CheckoutLimits
from .orders import (
    OfflineCheckoutSession,
    OfflineInvoice,
    Order,
    PaymentTransaction,
    StripeCustomer,
    WebhookEvent,
)
from .statements import StatementLine, SubscriptionStatement
from .subscriptions import Subscription, SubscriptionPayment, SubscriptionPlan

__all__ = [
    "CheckoutLimits",
    "Coupon",
    "CouponRedemption",
    "CourseRevenueShare",
    "Earning",
    "InstructorAccount",
    "CreditNote",
    "CurrencyGateway",
    "DocumentCounter",
    "Invoice",
    "OfflineCheckoutSession",
    "OfflineInvoice",
    "Order",
    "PaymentTransaction",
    "Payout",
    "StatementLine",
    "StripeCustomer",
    "Subscription",
    "SubscriptionPayment",
    "SubscriptionPlan",
    "SubscriptionStatement",
    "WebhookEvent",
]
