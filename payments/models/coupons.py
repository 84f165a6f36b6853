"""Coupons and each use of one, held at checkout and counted when paid."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from home.money import CURRENCY_CHOICES


class Coupon(models.Model):
    """A discount code: a percentage or a fixed amount off, within limits."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage off")
        FIXED = "fixed", _("Fixed amount off")

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("What learners type, e.g. LAUNCH20. Letters and digits."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.PERCENT
    )
    percent_off = models.PositiveSmallIntegerField(
        _("percent off"), null=True, blank=True, help_text=_("1 to 100.")
    )
    amount_off = models.PositiveIntegerField(
        _("amount off (minor units)"),
        null=True,
        blank=True,
        help_text=_("In the currency's smallest unit: 1000 means 10.00."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=CURRENCY_CHOICES,
        blank=True,
        help_text=_("Needed for a fixed amount; it applies to courses in it only."),
    )
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    max_uses = models.PositiveIntegerField(
        _("maximum uses"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    max_uses_per_user = models.PositiveIntegerField(
        _("maximum uses per learner"), default=1
    )
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        blank=True,
        related_name="coupons",
        help_text=_("Leave empty for every paid course."),
    )
    times_used = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("code"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("percent_off"), FieldPanel("amount_off")]),
                FieldPanel("currency"),
            ],
            heading=_("Discount"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldRowPanel(
                    [FieldPanel("max_uses"), FieldPanel("max_uses_per_user")]
                ),
                FieldPanel("courses"),
            ],
            heading=_("Limits"),
        ),
    ]

    class Meta:
        verbose_name = _("coupon")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="percent", percent_off__gte=1, percent_off__lte=100)
                | Q(kind="fixed", amount_off__gt=0, currency__regex=r"^[A-Z]{3}$"),
                name="coupon_discount_is_valid",
            ),
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True)
                | Q(times_used__lte=models.F("max_uses")),
                name="coupon_used_at_most_max_uses",
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        self.code = (self.code or "").strip().upper()
        if self.kind == self.Kind.PERCENT and not self.percent_off:
            raise ValidationError(
                {"percent_off": _("Give a percentage from 1 to 100.")}
            )
        if self.kind == self.Kind.FIXED and not (self.amount_off and self.currency):
            raise ValidationError({"amount_off": _("Give an amount and its currency.")})
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("End after the start.")})

    def is_current(self, now=None):
        now = now or timezone.now()
        started = self.valid_from is None or self.valid_from <= now
        return started and (self.valid_until is None or now < self.valid_until)


class CouponRedemption(models.Model):
    """One use of a coupon by one order: held while the order is open, counted
    once it is paid, released if it fails or expires."""

    class Status(models.TextChoices):
        HELD = "held", _("Held for an open order")
        REDEEMED = "redeemed", _("Redeemed")
        RELEASED = "released", _("Released")

    coupon = models.ForeignKey(
        Coupon, on_delete=models.PROTECT, related_name="redemptions"
    )
    order = models.OneToOneField(
        "payments.Order", on_delete=models.PROTECT, related_name="redemption"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.HELD
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["coupon", "status", "user"])]

    def __str__(self):
        return f"{self.coupon} on order {self.order_id} ({self.status})"
