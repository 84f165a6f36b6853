"""Instructor revenue share, the earnings ledger and payouts."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class InstructorAccount(models.Model):
    """An instructor's share of revenue and where payouts go. The bank account
    is kept only as a masked reference; the full number never comes back."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="instructor_account",
    )
    revenue_share_bp = models.PositiveIntegerField(
        _("revenue share (basis points)"),
        null=True,
        blank=True,
        help_text=_("7000 means 70% to the instructor. Empty: the site default."),
    )
    payout_reference = models.CharField(
        _("payout account"),
        max_length=100,
        blank=True,
        help_text=_("Shown masked, e.g. 'Bank account ending 1234'."),
    )

    panels = [FieldPanel("user"), FieldPanel("revenue_share_bp")]

    class Meta:
        verbose_name = _("instructor account")
        constraints = [
            models.CheckConstraint(
                condition=Q(revenue_share_bp__lte=10_000), name="share_at_most_100"
            )
        ]

    def __str__(self):
        return str(self.user)


class CourseRevenueShare(models.Model):
    """A per-course override of the instructor's revenue share."""

    course = models.OneToOneField(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="revenue_share"
    )
    instructor_share_bp = models.PositiveIntegerField(
        _("instructor share (basis points)"),
        help_text=_("7000 means 70% to the instructor."),
    )

    panels = [FieldPanel("course"), FieldPanel("instructor_share_bp")]

    class Meta:
        verbose_name = _("course revenue share")
        constraints = [
            models.CheckConstraint(
                condition=Q(instructor_share_bp__lte=10_000),
                name="course_share_at_most_100",
            )
        ]

    def __str__(self):
        return f"{self.course}: {Decimal(self.instructor_share_bp) / 100}%"


class Earning(models.Model):
    """One ledger row per paid order and course (a sale; a programme sells
    several), per refund (its reversal, with negative amounts) and per
    course line of a monthly subscription statement.
    Rows are never changed after they are written."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        REVERSAL = "reversal", _("Refund reversal")
        SUBSCRIPTION = "subscription", _("Subscription share")

    order = models.ForeignKey(
        "payments.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="earnings",
    )
    statement_line = models.OneToOneField(
        "payments.StatementLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="earning",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="earnings",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="earnings"
    )
    gross = models.IntegerField(_("gross"))
    tax = models.IntegerField(_("tax"))
    gateway_fee = models.IntegerField(_("gateway fee"), default=0)
    instructor_amount = models.IntegerField(_("instructor share"))
    platform_amount = models.IntegerField(_("platform share"))
    currency = models.CharField(max_length=3)
    share_bp = models.PositiveIntegerField()
    available_at = models.DateTimeField(_("available from"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("earning")
        constraints = [
            # A programme's sale has a row per course it sold.
            models.UniqueConstraint(
                fields=["order", "kind", "course"],
                name="one_earning_per_order_kind_and_course",
            ),
            models.CheckConstraint(
                condition=Q(
                    instructor_amount=F("gross")
                    - F("tax")
                    - F("gateway_fee")
                    - F("platform_amount")
                ),
                name="earning_shares_add_up",
            ),
            models.CheckConstraint(
                condition=Q(kind="subscription", order__isnull=True)
                & Q(statement_line__isnull=False)
                | ~Q(kind="subscription")
                & Q(order__isnull=False, statement_line__isnull=True),
                name="earning_comes_from_an_order_or_a_statement",
            ),
        ]
        indexes = [models.Index(fields=["instructor", "currency", "available_at"])]

    def __str__(self):
        source = f"order {self.order_id}" if self.order_id else "subscriptions"
        return f"{self.kind} of {source}: {self.instructor_amount}"


class Payout(models.Model):
    """An instructor's request to be paid their available balance."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        PAID = "paid", _("Paid")

    # Money in these states is no longer available to request again.
    COMMITTED = (Status.REQUESTED, Status.APPROVED, Status.PAID)

    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payouts"
    )
    amount = models.PositiveIntegerField(_("amount"))
    currency = models.CharField(max_length=3)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    destination = models.CharField(_("paid to"), max_length=100)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    payment_reference = models.CharField(
        _("payment reference"), max_length=100, blank=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payout")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_positive"),
            models.UniqueConstraint(
                fields=["instructor", "currency"],
                condition=Q(status__in=["requested", "approved"]),
                name="one_open_payout_per_currency",
            ),
        ]

    def __str__(self):
        return f"Payout {self.pk} to {self.instructor} ({self.status})"

    def decide(self, status, by, **details):
        """Approved, rejected (with a reason) or paid (with the transfer's
        reference), by whom and when; the service has checked the way."""
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        for name, value in details.items():
            setattr(self, name, value)
        self.save()
