"""Orders, their append-only payment ledger, and every webhook event seen."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Order(models.Model):
    """One attempt to buy one course (for the buyer, or as seats for an
    organisation) or one programme of courses. Amounts come from the
    server, in minor units."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")
        EXPIRED = "expired", _("Expired")
        REFUNDED = "refunded", _("Refunded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("seats for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    quantity = models.PositiveIntegerField(_("seats"), default=1)
    list_price = models.PositiveIntegerField(_("list price"))
    discount = models.PositiveIntegerField(_("discount"), default=0)
    tax = models.PositiveIntegerField(_("tax"), default=0)
    total = models.PositiveIntegerField(_("total"))
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gateway = models.CharField(_("gateway"), max_length=20)
    gateway_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    gateway_payment_id = models.CharField(
        _("gateway payment"), max_length=255, blank=True, db_index=True
    )
    coupon = models.ForeignKey(
        "payments.Coupon",
        verbose_name=_("coupon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    amount_refunded = models.PositiveIntegerField(_("amount refunded"), default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(_("disputed at"), null=True, blank=True)
    dispute_reason = models.CharField(_("dispute reason"), max_length=100, blank=True)
    dispute_outcome = models.CharField(
        _("dispute outcome"),
        max_length=8,
        blank=True,
        choices=[("won", _("Won")), ("lost", _("Lost"))],
    )
    dispute_closed_at = models.DateTimeField(
        _("dispute closed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("order")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=F("list_price") - F("discount"))
                | Q(total=F("list_price") - F("discount") + F("tax")),
                name="order_total_adds_up",
            ),
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(status="pending", organisation__isnull=True),
                name="one_open_order_per_course",
            ),
            models.UniqueConstraint(
                fields=["organisation", "course"],
                condition=Q(status="pending", organisation__isnull=False),
                name="one_open_seat_order_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=Q(
                    status="pending",
                    programme__isnull=False,
                    organisation__isnull=True,
                ),
                name="one_open_order_per_programme",
            ),
            models.UniqueConstraint(
                fields=["organisation", "programme"],
                condition=Q(status="pending", organisation__isnull=False),
                name="one_open_seat_order_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(course__isnull=False, programme__isnull=True)
                | Q(course__isnull=True, programme__isnull=False),
                name="order_buys_a_course_or_a_programme",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1)
                & (Q(organisation__isnull=False) | Q(quantity=1)),
                name="order_seats_only_for_an_organisation",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=F("total")),
                name="order_refund_at_most_total",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"Order {self.pk} ({self.status})"

    @property
    def item(self):
        """What was bought: the course, or the programme."""
        return self.programme if self.programme_id else self.course

    @property
    def item_title(self):
        return self.item.title

    @property
    def item_url(self):
        return self.item.url

    @property
    def is_for_seats(self):
        return self.organisation_id is not None

    @property
    def is_open(self):
        return self.status == self.Status.PENDING

    @property
    def needs_attention(self):
        return self.disputed_at is not None

    @property
    def dispute_open(self):
        return self.disputed_at is not None and self.dispute_closed_at is None

    # State changes: the services call these inside their transactions, on a
    # row they have locked, and do the rest (invoice, earnings, e-mail).

    def mark_paid(self, payment=""):
        self.status = self.Status.PAID
        self.paid_at = timezone.now()
        self.gateway_payment_id = payment or self.gateway_payment_id
        self.save(update_fields=["status", "paid_at", "gateway_payment_id"])

    def close(self, status):
        """A checkout that failed or expired."""
        self.status = status
        self.save(update_fields=["status"])

    def record_refunded(self, refunded_total):
        """The gateway has refunded this much in all; fully refunded at the
        total. True when this refund completed it."""
        self.amount_refunded = refunded_total
        completed = refunded_total >= self.total
        if completed:
            self.status = self.Status.REFUNDED
            self.refunded_at = timezone.now()
        self.save()
        return completed


class PaymentTransaction(models.Model):
    """Append-only: every movement of money on an order, as the gateway reported it."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment")
        REFUND = "refund", _("Refund")

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="transactions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    reference = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "reference"], name="one_transaction_per_reference"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.amount} {self.currency} on order {self.order_id}"


class WebhookEvent(models.Model):
    """Each gateway event id is stored once, so a replay changes nothing."""

    gateway = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    # Why a verified event changed nothing (e.g. an amount that did not match).
    refusal = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "event_id"], name="one_row_per_event"
            )
        ]

    def __str__(self):
        return f"{self.gateway} {self.event_type} {self.event_id}"


class OfflineCheckoutSession(models.Model):
    """The offline test gateway's record of a checkout, as Stripe keeps one."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETE = "complete", _("Paid")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    class Mode(models.TextChoices):
        PAYMENT = "payment", _("One-off payment")
        SUBSCRIPTION = "subscription", _("Subscription")

    session_id = models.CharField(max_length=64, unique=True)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.PAYMENT)
    payment_intent = models.CharField(max_length=64, blank=True)
    subscription_id = models.CharField(max_length=64, blank=True)
    plan = models.ForeignKey(
        "payments.SubscriptionPlan", null=True, blank=True, on_delete=models.PROTECT
    )
    # In subscription mode the offline gateway also keeps the subscription's state.
    subscription_status = models.CharField(max_length=16, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    refunded = models.PositiveIntegerField(default=0)
    amount_total = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    client_reference_id = models.CharField(max_length=64)
    description = models.CharField(max_length=255)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN
    )
    success_url = models.CharField(max_length=500)
    cancel_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.session_id

    @property
    def paid(self):
        return self.status == self.Status.COMPLETE


class StripeCustomer(models.Model):
    """The Stripe customer of a learner, created once and kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stripe_customer",
    )
    customer_id = models.CharField(max_length=255, unique=True)

    def __str__(self):
        return self.customer_id


class OfflineInvoice(models.Model):
    """The offline test gateway's invoice for one subscription period, as
    Stripe keeps one: the first when the learner pays, then one per renewal."""

    invoice_id = models.CharField(max_length=64, unique=True)
    session = models.ForeignKey(
        OfflineCheckoutSession, on_delete=models.CASCADE, related_name="invoices"
    )
    status = models.CharField(max_length=16)  # "paid" or "open" (payment failed)
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    payment_intent = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.invoice_id
