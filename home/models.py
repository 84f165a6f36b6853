"""The home page and the site-wide settings editors control."""

import copy

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from . import content_version, seo
from .content_version import VersionedMemo
from .routing import RememberedRoutesMixin, ViewRestrictionsMixin
from .seams import catalogue
from .sites import absolute
from .webhook_models import WebhookDelivery, WebhookEndpoint  # noqa: F401 (this app's)

FEATURED_COURSE_COUNT = 6


_settings_of_site = VersionedMemo(size=16)


class HomePage(RememberedRoutesMixin, ViewRestrictionsMixin, Page):
    """The front door: a promise, a call to action and the newest courses."""

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=120,
        help_text=_("The large headline visitors read first."),
    )
    hero_text = models.TextField(
        _("hero text"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences under the headline."),
    )
    hero_cta_text = models.CharField(
        _("call to action"),
        max_length=40,
        default=_("Browse courses"),
        help_text=_("Text of the main button, which opens the catalogue."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ul", "ol"],
        help_text=_("Optional text shown below the featured courses."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "home.InformationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def meta_summary(self):
        """The meta description when editors left the SEO one empty."""
        return self.hero_text or self.hero_heading

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The catalogue, its featured courses and categories, from `courses`.
        context.update(catalogue.home_context(self, FEATURED_COURSE_COUNT))
        return context

    def structured_data(self, request, site_name, home_url):
        """The JSON-LD of the home page: the organisation and its search."""
        search = absolute(catalogue.catalogue_url())
        return [
            seo.organization(site_name, home_url),
            seo.website(site_name, home_url, search),
        ]


class InformationPage(ViewRestrictionsMixin, Page):
    """A page of plain text the site owes its visitors: the privacy notice,
    the terms of use, an imprint. Editors write it in the admin."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences: what this page is about."),
    )
    body = RichTextField(
        _("body"),
        features=["h2", "h3", "bold", "italic", "link", "ul", "ol"],
        help_text=_("The text, with headings for each part."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")

    @property
    def meta_summary(self):
        return self.intro


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Branding shown in the header and footer of every page."""

    @classmethod
    def for_site(cls, site):
        """Read once per worker and content version (saving takes a new
        version); each request gets its own copy, as Wagtail marks it."""
        version = content_version.current()
        known = _settings_of_site.get(site.pk) if site else None
        if known is None:
            known = super().for_site(site)
            _settings_of_site.put(site.pk, known, version)
        return copy.copy(known)

    tagline = models.CharField(
        _("tagline"),
        max_length=120,
        blank=True,
        help_text=_("A short line under the site name in the footer."),
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        max_length=400,
        help_text=_("Who runs the site and how to reach them."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Shown in the footer.")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer and the sign-up form."),
    )
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer and the sign-up form."),
    )

    class CertificatesOnErasure(models.TextChoices):
        KEEP_UNNAMED = (
            "keep_unnamed",
            _("Keep them verifiable as issued, without the name"),
        )
        REVOKE = "revoke", _("Revoke them")

    certificates_on_erasure = models.CharField(
        _("certificates of an erased account"),
        max_length=20,
        choices=CertificatesOnErasure.choices,
        default=CertificatesOnErasure.KEEP_UNNAMED,
        help_text=_(
            "Either way the learner's name is removed from the certificate and its PDF."
        ),
    )

    review_after_percent = models.PositiveSmallIntegerField(
        _("reviews open after (percent of the course done)"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "A learner may review a course once they have completed this share "
            "of its lessons, so reviews come from people who took it."
        ),
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        FieldPanel("terms_page"),
        FieldPanel("certificates_on_erasure"),
        FieldPanel("review_after_percent"),
    ]

    class Meta:
        verbose_name = _("site settings")


class OutboxTask(models.Model):
    """A Celery task recorded in the same transaction as the change that needs
    it, so it is never lost when the broker is down; sent when it is back."""

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(dispatched_at__isnull=True),
                name="outbox_pending_idx",
            )
        ]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"


@register_setting(icon="tag")
class TaxSettings(BaseSiteSetting):
    """The tax on course prices (e.g. South Africa's 15% VAT included in
    prices) and the seller that invoices name."""

    tax_label = models.CharField(
        _("tax name"), max_length=20, default="VAT", help_text=_("e.g. VAT, GST.")
    )
    tax_rate_basis_points = models.PositiveIntegerField(
        _("tax rate (basis points)"),
        default=0,
        validators=[MaxValueValidator(10_000)],
        help_text=_("1500 means 15%. 0 when no tax is charged."),
    )
    prices_include_tax = models.BooleanField(
        _("prices include tax"),
        default=True,
        help_text=_(
            "On: the course price already contains the tax. Off: tax is added."
        ),
    )

    seller_name = models.CharField(
        _("seller's legal name"),
        max_length=200,
        blank=True,
        help_text=_("Who sells the courses, as it must appear on invoices."),
    )
    seller_address = models.TextField(
        _("seller's address"),
        max_length=500,
        blank=True,
        help_text=_("The postal address printed on invoices and credit notes."),
    )
    seller_tax_number = models.CharField(
        _("tax number"),
        max_length=40,
        blank=True,
        help_text=_("e.g. the VAT registration number; printed on invoices."),
    )

    panels = [
        FieldPanel("tax_label"),
        FieldPanel("tax_rate_basis_points"),
        FieldPanel("prices_include_tax"),
        MultiFieldPanel(
            [
                FieldPanel("seller_name"),
                FieldPanel("seller_address"),
                FieldPanel("seller_tax_number"),
            ],
            heading=_("Seller on invoices"),
        ),
    ]

    class Meta:
        verbose_name = _("tax and invoice settings")


class AuditEntryQuerySet(models.QuerySet):
    """Entries are only ever added: nothing updates or deletes them, except
    that erasing an account forgets the addresses it acted from."""

    def update(self, **kwargs):
        raise TypeError("Audit entries are append-only.")

    def delete(self):
        raise TypeError("Audit entries are append-only.")

    def forget_addresses_of(self, user):
        return models.QuerySet.update(self.filter(actor=user), ip_address=None)


class AuditEntry(models.Model):
    """One sensitive staff action: who did what to which record, when and
    from which address. The summary names records by number, never by a
    person's name or e-mail, so erasing an account leaves it intact."""

    class Action(models.TextChoices):
        GRADE_CHANGED = "grade_changed", _("Grade changed")
        REFUND = "refund", _("Order refunded")
        PAYOUT_DECIDED = "payout_decided", _("Payout decided")
        ROLE_CHANGED = "role_changed", _("Role changed")
        DATA_EXPORTED = "data_exported", _("Personal data exported")
        ERASURE_REQUESTED = "erasure_requested", _("Account erasure requested")
        ERASURE_CANCELLED = "erasure_cancelled", _("Account erasure cancelled")
        ACCOUNT_ERASED = "account_erased", _("Account erased")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
        API_KEY_ISSUED = "api_key_issued", _("API key issued")
        API_KEY_REVOKED = "api_key_revoked", _("API key revoked")
        POST_HIDDEN = "post_hidden", _("Community post hidden")
        POST_RESTORED = "post_restored", _("Community post restored")
        REPORT_DISMISSED = "report_dismissed", _("Community report dismissed")
        COMMUNITY_BAN = "community_ban", _("Banned from posting in a course")
        COMMUNITY_UNBAN = "community_unban", _("Ban from posting lifted")
        CHECKOUT_REFUSED = "checkout_refused", _("Checkout refused: too many tries")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=40, choices=Action.choices)
    target = models.CharField(
        _("record"), max_length=100, help_text=_("e.g. submission #12")
    )
    summary = models.CharField(_("details"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("from"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["action", "-at"], name="audit_action_idx")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are append-only.")
