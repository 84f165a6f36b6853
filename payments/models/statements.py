"""Monthly subscription statements: a month's subscription income, shared
among the courses by the learning time subscribers spent in each."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SubscriptionStatement(models.Model):
    """One month's subscription income in one currency, closed once. What
    reaches the courses plus what no course earned (a month with no learning
    time) is exactly the net income: a database constraint keeps it so."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    currency = models.CharField(_("currency"), max_length=3)
    payments = models.PositiveIntegerField(_("payments"), default=0)
    gross = models.PositiveIntegerField(_("income"), default=0)
    tax = models.PositiveIntegerField(_("tax"), default=0)
    gateway_fees = models.PositiveIntegerField(_("gateway fees"), default=0)
    net = models.PositiveIntegerField(_("net income"), default=0)
    allocated = models.PositiveIntegerField(_("shared among courses"), default=0)
    unallocated = models.PositiveIntegerField(_("kept, no learning time"), default=0)
    learning_seconds = models.PositiveBigIntegerField(_("learning time"), default=0)
    closed_at = models.DateTimeField(_("closed at"))

    class Meta:
        verbose_name = _("subscription statement")
        ordering = ["-year", "-month", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "currency"],
                name="one_statement_per_month_and_currency",
            ),
            models.CheckConstraint(
                condition=Q(net=F("gross") - F("tax") - F("gateway_fees"))
                & Q(net=F("allocated") + F("unallocated")),
                name="statement_adds_up",
            ),
        ]

    def __str__(self):
        return f"Subscriptions {self.year}-{self.month:02d} {self.currency}"


class StatementLine(models.Model):
    """One course's part of a statement: its learning time, its slice of the
    net income, and that slice split between instructor and platform."""

    statement = models.ForeignKey(
        SubscriptionStatement, on_delete=models.PROTECT, related_name="lines"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="statement_lines"
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="statement_lines",
    )
    learning_seconds = models.PositiveBigIntegerField(_("learning time"))
    amount = models.PositiveIntegerField(_("course's share"))
    share_bp = models.PositiveIntegerField()
    instructor_amount = models.PositiveIntegerField(_("instructor share"))
    platform_amount = models.PositiveIntegerField(_("platform share"))

    class Meta:
        verbose_name = _("statement line")
        ordering = ["-amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "course"], name="one_line_per_course"
            ),
            models.CheckConstraint(
                condition=Q(amount=F("instructor_amount") + F("platform_amount")),
                name="statement_line_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.statement}: {self.course_id}"
