"""Invoices, numbered without gaps per year (INV-2026-000123)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceCounter(models.Model):
    """The last invoice number of a year. Its row is locked while a number is
    taken, in the same transaction that marks the order paid, so a rollback
    gives the number back and no number is skipped."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Invoice(models.Model):
    """The invoice of one paid order, with the buyer's details as they were."""

    order = models.OneToOneField(
        "payments.Order", on_delete=models.PROTECT, related_name="invoice"
    )
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    billed_to_name = models.CharField(max_length=255)
    billed_to_email = models.EmailField()
    description = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("invoice")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="one_invoice_per_number"
            )
        ]

    def __str__(self):
        return self.number
