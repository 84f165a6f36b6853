"""App configuration for `payments`."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from home.seo import register_subscription_price
        from learners.emails import register_email_kind
        from learners.extensions import add_dashboard_routes, revenue
        from learners.notifications import register_topic

        from . import checks, dashboard_urls, personal_data, tasks  # noqa: F401 - they register themselves
        from .services.earnings import instructor_revenue_since, revenue_by_currency

        personal_data.connect()
        # The learner's purchases live under /dashboard/; the admin panels of
        # `learners` show these revenue figures.
        add_dashboard_routes(dashboard_urls.urlpatterns)
        revenue.provide(
            by_currency=revenue_by_currency, instructor_since=instructor_revenue_since
        )
        from .models import Order, PaymentTransaction, Payout, SubscriptionPayment

        register_topic(
            "payments", _("Payments, refunds and payouts"), "email", always_email=True
        )
        register_email_kind(
            "checkout_reminder",
            "enrolment",
            Order,
            lambda order: order.item_url,
        )
        register_subscription_price(cheapest_plan_price)
        # Money mail is transactional: no preference turns the e-mail off.
        register_email_kind(
            "payment_receipt",
            "payments",
            Order,
            lambda order: reverse("learners:invoice", args=[order.pk]),
        )
        for kind in (
            "payment_failed",
            "order_expired",
            "dispute_opened",
            "dispute_won",
            "dispute_lost",
        ):
            register_email_kind(kind, "payments", Order, lambda order: order.item_url)
        register_email_kind(
            "refund_issued",
            "payments",
            PaymentTransaction,
            lambda refund: reverse("learners:purchases"),
        )
        register_email_kind(
            "subscription_payment_receipt",
            "payments",
            SubscriptionPayment,
            lambda payment: reverse("learners:period_invoice", args=[payment.pk]),
        )
        register_email_kind(
            "subscription_payment_failed",
            "payments",
            SubscriptionPayment,
            lambda payment: reverse("learners:subscription"),
        )
        for kind in ("payout_approved", "payout_rejected", "payout_paid"):
            register_email_kind(
                kind,
                "payments",
                Payout,
                lambda payout: reverse("payments_admin:earnings"),
            )


def cheapest_plan_price():
    """(price, currency) of the cheapest plan on sale, for the course JSON-LD."""
    from .models import SubscriptionPlan  # apps.py loads before the models

    plan = SubscriptionPlan.objects.filter(is_active=True).order_by("price").first()
    return (plan.price, plan.currency) if plan else None
