"""A programme: courses taken in order, sold as a bundle, joined for free or
with a subscription, and certified once every course is complete."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.money import CURRENCY_CHOICES
from home.routing import ViewRestrictionsMixin
from lessons.seams import learner_side

from ..choices import PricingType
from ..forms import ProgrammePageForm
from .snippets import CertificateTemplate


def _default_currency():
    return settings.COURSE_DEFAULT_CURRENCY


class ProgrammePage(ViewRestrictionsMixin, RoutablePageMixin, Page):
    """A learning path of courses in order. Its price, if sold, is a bundle
    price below what its courses cost one by one (ProgrammePageForm)."""

    base_form_class = ProgrammePageForm
    PricingType = PricingType

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences for cards and search results."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Who the programme is for and where it takes them."),
    )
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("thumbnail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pricing_type = models.CharField(
        _("pricing"),
        max_length=16,
        choices=PricingType.choices,
        default=PricingType.PAID,
        help_text=_(
            "Free: every course in it is free. One-off purchase: one price "
            "for all its courses. Subscription: subscribers join every course "
            "in it at once."
        ),
    )
    price = models.PositiveIntegerField(
        _("bundle price (minor units)"),
        default=0,
        help_text=_(
            "In the currency's smallest unit, below the sum of its courses' "
            "prices. 0 unless learners buy it."
        ),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=CURRENCY_CHOICES,
        default=_default_currency,
    )
    certificate_template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("How the programme certificate looks; a plain design if empty."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        FieldPanel("description"),
        InlinePanel(
            "programme_courses",
            heading=_("Courses, in order"),
            label=_("Course"),
            min_num=1,
        ),
        MultiFieldPanel(
            [
                FieldPanel("pricing_type"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]),
                FieldPanel("certificate_template"),
            ],
            heading=_("Pricing and certificate"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("programme")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(pricing_type="paid", price__gt=0)
                    | ~Q(pricing_type="paid") & Q(price=0)
                ),
                name="programme_price_matches_pricing_type",
            ),
        ]

    @property
    def is_free(self):
        return self.pricing_type == PricingType.FREE

    @property
    def meta_summary(self):
        return self.summary or strip_tags(self.description).strip()

    @cached_property
    def courses(self):
        """Its live courses, in the programme's order: read with the links
        when a listing prefetched them, else in one query."""
        from .course import CoursePage  # it imports the forms this module does

        links = sorted(
            self.programme_courses.all(), key=lambda link: link.sort_order or 0
        )
        if all(ProgrammeCourse.course.is_cached(link) for link in links):
            return [link.course for link in links if link.course.live]
        order = {link.course_id: link.sort_order or 0 for link in links}
        found = (
            CoursePage.objects.live().filter(pk__in=order).select_related("instructor")
        )
        return sorted(found, key=lambda course: order[course.pk])

    @property
    def course_ids(self):
        return [course.pk for course in self.courses]

    @property
    def separate_price(self):
        """What its paid courses cost one by one, in the programme's currency."""
        return sum(
            course.price
            for course in self.courses
            if course.pricing_type == PricingType.PAID
        )

    @property
    def saving(self):
        if self.pricing_type != PricingType.PAID:
            return 0
        return max(0, self.separate_price - self.price)

    @property
    def duration_minutes(self):
        return sum(course.duration_minutes or 0 for course in self.courses)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(learner_side.programme_context(request, self))
        return context

    @path("join/", name="join")
    def join(self, request):
        return learner_side.join_programme(request, self)


class ProgrammeCourse(Orderable):
    """One course of a programme, at its place in the order."""

    programme = ParentalKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="programme_courses"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="programme_links",
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme course")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "course"], name="course_once_per_programme"
            )
        ]

    def __str__(self):
        return str(self.course)
