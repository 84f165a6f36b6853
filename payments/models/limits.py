"""How often people may start a checkout: the site's velocity limits."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="warning")
class CheckoutLimits(BaseSiteSetting):
    """Card testing and runaway scripts start checkout after checkout: past
    these numbers in the window, a checkout is refused and the audit log
    says so."""

    enabled = models.BooleanField(_("limit checkout attempts"), default=True)
    window_minutes = models.PositiveIntegerField(_("window (minutes)"), default=60)
    per_learner = models.PositiveIntegerField(
        _("checkouts per person"),
        default=10,
        help_text=_("Checkouts one account may start in the window."),
    )
    per_address = models.PositiveIntegerField(
        _("checkouts per network address"),
        default=20,
        help_text=_("Checkouts one network address may start in the window."),
    )
    per_card = models.PositiveIntegerField(
        _("declined payments per card"),
        default=3,
        help_text=_(
            "Declines of one card (where the gateway tells which card) before "
            "the person who used it may start no more checkouts in the window."
        ),
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("window_minutes"),
        FieldRowPanel(
            [
                FieldPanel("per_learner"),
                FieldPanel("per_address"),
                FieldPanel("per_card"),
            ]
        ),
    ]

    class Meta:
        verbose_name = _("checkout limits")
