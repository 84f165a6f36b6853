"""Which payment gateway takes each currency, as staff choose it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.money import CURRENCY_CHOICES

GATEWAY_CHOICES = [
    ("stripe", "Stripe"),
    ("paystack", "Paystack"),
    ("razorpay", "Razorpay"),
]


class CurrencyGateway(models.Model):
    """Payments in `currency` go through `gateway`. A currency not listed
    here goes to the site's main gateway (Stripe, or the offline one)."""

    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, unique=True
    )
    gateway = models.CharField(
        _("gateway"),
        max_length=20,
        choices=GATEWAY_CHOICES,
        help_text=_("It needs its keys in the site's environment to take payments."),
    )

    panels = [FieldPanel("currency"), FieldPanel("gateway")]

    class Meta:
        verbose_name = _("gateway for a currency")
        verbose_name_plural = _("gateways by currency")
        ordering = ["currency"]

    def __str__(self):
        return f"{self.currency}: {self.get_gateway_display()}"
