"""Invoices and credit notes, each numbered without gaps per year
(INV-2026-000123, CN-2026-000004)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentCounter(models.Model):
    """The last number of a series (invoices, credit notes) in a year. Its row
    is locked while a number is taken, in the same transaction that records
    the payment or the refund, so a rollback gives the number back and no
    number is skipped."""

    class Series(models.TextChoices):
        INVOICE = "INV", _("Invoice")
        CREDIT_NOTE = "CN", _("Credit note")

    series = models.CharField(max_length=4, choices=Series.choices)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"], name="one_counter_per_series_and_year"
            )
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"


class Invoice(models.Model):
    """The invoice of one paid order or one paid subscription period, with
    the buyer's details as they were. Both share the one INV series."""

    order = models.OneToOneField(
        "payments.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice",
    )
    subscription_payment = models.OneToOneField(
        "payments.SubscriptionPayment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice",
    )
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    billed_to_name = models.CharField(max_length=255)
    billed_to_email = models.EmailField()
    # An organisation's invoice (seats) carries its address and tax number.
    billed_to_address = models.TextField(blank=True)
    billed_to_tax_number = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("invoice")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="one_invoice_per_number"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    order__isnull=False, subscription_payment__isnull=True
                )
                | models.Q(order__isnull=True, subscription_payment__isnull=False),
                name="invoice_for_an_order_or_a_period",
            ),
        ]

    def __str__(self):
        return self.number


class CreditNote(models.Model):
    """A refund's credit note: its own gapless number, and the invoice it
    corrects. Amounts are what was refunded, with the tax part of them."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="credit_notes"
    )
    refund = models.OneToOneField(
        "payments.PaymentTransaction",
        on_delete=models.PROTECT,
        related_name="credit_note",
    )
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    amount = models.PositiveIntegerField(_("amount"))
    tax = models.PositiveIntegerField(_("of which tax"), default=0)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        verbose_name = _("credit note")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="one_credit_note_per_number"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0)
                & models.Q(tax__lte=models.F("amount")),
                name="credit_note_amounts_make_sense",
            ),
        ]

    def __str__(self):
        return self.number
