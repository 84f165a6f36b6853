"""Course categories and certificate templates: snippets editors manage."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CourseCategory(models.Model):
    """A subject area that groups courses in the catalogue (a snippet)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in catalogue links, e.g. /courses/?category=data-science"),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown on the catalogue filter."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class CertificateTemplate(models.Model):
    """How a course's certificates look: logo, signature, colour, wording."""

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("For editors, e.g. 'Academy blue'."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top; a PNG or JPEG with a light background."),
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An image of the instructor's or director's signature."),
    )
    signatory = models.CharField(
        _("signed by"),
        max_length=120,
        blank=True,
        help_text=_("Name and role under the signature; the instructor if empty."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#1f5f8b",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f5f8b."))
        ],
        help_text=_("Colour of the border and headings, as #rrggbb."),
    )
    custom_text = models.TextField(
        _("custom text"),
        blank=True,
        max_length=500,
        help_text=_("An extra line, e.g. accreditation details."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldPanel("signature"),
        FieldPanel("signatory"),
        FieldPanel("accent_colour"),
        FieldPanel("custom_text"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("certificate template")

    def __str__(self):
        return self.name
