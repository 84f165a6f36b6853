"""Subscription plans and each learner's subscription, as the gateway reports it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from courses.models import default_currency
from home.money import CURRENCY_CHOICES, format_money


class SubscriptionPlan(models.Model):
    """A monthly or annual plan, mapped to a Stripe price."""

    class Interval(models.TextChoices):
        MONTH = "month", _("Monthly")
        YEAR = "year", _("Annual")

    name = models.CharField(_("name"), max_length=100)
    interval = models.CharField(
        _("billing interval"), max_length=10, choices=Interval.choices
    )
    price = models.PositiveIntegerField(
        _("price (minor units)"), help_text=_("Per interval: 1500 means 15.00.")
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default=default_currency
    )
    stripe_price_id = models.CharField(
        _("Stripe price id"),
        max_length=100,
        blank=True,
        help_text=_("price_... from the Stripe dashboard; needed to sell on Stripe."),
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    is_active = models.BooleanField(_("on sale"), default=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [FieldPanel("interval"), FieldPanel("price"), FieldPanel("currency")]
        ),
        FieldPanel("stripe_price_id"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("subscription plan")
        ordering = ["price"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="plan_has_a_price")
        ]

    def __str__(self):
        return f"{self.name} ({self.get_interval_display()})"

    @property
    def checkout_label(self):
        """ "Monthly, 15.00 USD per month": the name once, then the price."""
        price = format_money(self.price, self.currency)
        return f"{self.name}, {price} {self.per_interval}"

    @property
    def per_interval(self):
        return _("per month") if self.interval == self.Interval.MONTH else _("per year")


class SubscriptionQuerySet(models.QuerySet):
    def giving_access(self):
        return self.filter(
            status__in=Subscription.ACCESS_STATUSES,
            current_period_end__gt=timezone.now(),
        )


class Subscription(models.Model):
    """A learner's subscription. Its state is copied from the gateway, never
    set from the browser."""

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("Waiting for the first payment")
        TRIALING = "trialing", _("Trial")
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Payment failed")
        CANCELED = "canceled", _("Ended")

    ACCESS_STATUSES = (Status.ACTIVE, Status.TRIALING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="subscriptions"
    )
    plan = models.ForeignKey(
        SubscriptionPlan, on_delete=models.PROTECT, related_name="subscriptions"
    )
    gateway = models.CharField(max_length=20)
    gateway_subscription_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    current_period_end = models.DateTimeField(_("paid until"))
    cancel_at_period_end = models.BooleanField(_("ends at period end"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} on {self.plan} ({self.status})"

    @property
    def gives_access(self):
        return (
            self.status in self.ACCESS_STATUSES
            and self.current_period_end > timezone.now()
        )


class SubscriptionPayment(models.Model):
    """One billing period of a subscription, as the gateway's invoice for it
    reports it: paid (the period's income, invoiced by us) or failed."""

    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.PROTECT, related_name="payments"
    )
    gateway_invoice_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    amount = models.PositiveIntegerField(_("amount"))
    tax = models.PositiveIntegerField(_("of which tax"), default=0)
    gateway_fee = models.PositiveIntegerField(_("gateway fee"), default=0)
    currency = models.CharField(_("currency"), max_length=3)
    period_start = models.DateTimeField(_("period from"))
    period_end = models.DateTimeField(_("period to"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription payment")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tax__lte=models.F("amount"))
                & Q(gateway_fee__lte=models.F("amount") - models.F("tax")),
                name="subscription_payment_amounts_make_sense",
            ),
            models.CheckConstraint(
                condition=Q(status="failed") | Q(paid_at__isnull=False),
                name="paid_subscription_payment_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "currency", "paid_at"])]

    def __str__(self):
        return f"{self.subscription} {self.period_start:%Y-%m-%d} ({self.status})"

    @property
    def net(self):
        """What the period brought in after tax and the gateway's fee."""
        return self.amount - self.tax - self.gateway_fee

    def mark_paid(self, paid_at):
        """A failed period paid on a retry."""
        self.status = self.Status.PAID
        self.paid_at = paid_at
