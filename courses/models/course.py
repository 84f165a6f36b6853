"""A course: the page under the catalogue that its sections hang from."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home import seo
from home.money import CURRENCY_CHOICES
from home.routing import ViewRestrictionsMixin
from lessons.models import LessonPage
from lessons.seams import learner_side

from ..choices import COURSE_LANGUAGES, Difficulty, PricingType
from ..forms import CoursePageForm
from ..seams import community_side
from .cohort import next_open_cohort
from .snippets import CertificateTemplate, CourseCategory


def default_currency():
    """The site's default currency, read when a course is created."""
    return settings.COURSE_DEFAULT_CURRENCY


class CoursePage(ViewRestrictionsMixin, RoutablePageMixin, Page):
    """A course: what it teaches, who teaches it, what it costs, and its syllabus."""

    base_form_class = CoursePageForm
    Difficulty = Difficulty
    PricingType = PricingType

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two sentences for catalogue cards and search results "
            "(300 characters at most)."
        ),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Who the course is for, what it covers and how it is taught."),
    )
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("thumbnail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Landscape image, at least 1280x720, used on cards and shares."),
    )
    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("The catalogue section this course is listed in."),
    )
    difficulty = models.CharField(
        _("difficulty level"),
        max_length=16,
        choices=Difficulty.choices,
        default=Difficulty.BEGINNER,
        help_text=_("How much a learner should know before starting."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=COURSE_LANGUAGES,
        default="en",
        help_text=_("The language the lessons are taught in."),
    )
    estimated_duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"),
        null=True,
        blank=True,
        help_text=_(
            "Total learning time in minutes. Leave empty to add up the "
            "lessons' estimated minutes."
        ),
    )
    pricing_type = models.CharField(
        _("pricing"),
        max_length=16,
        choices=PricingType.choices,
        default=PricingType.FREE,
        help_text=_(
            "Free: anyone with an account can enrol. One-off purchase: learners "
            "pay the price below. Subscription: included for subscribers."
        ),
    )
    price = models.PositiveIntegerField(
        _("price (minor units)"),
        default=0,
        help_text=_(
            "In the currency's smallest unit: 4900 means 49.00 USD. "
            "Must be 0 for free courses and above 0 for paid ones."
        ),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=CURRENCY_CHOICES,
        default=default_currency,
        help_text=_("ISO 4217 code of the price."),
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructor"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="taught_courses",
        help_text=_("The person who teaches, grades and is paid for this course."),
    )
    learning_outcomes = StreamField(
        [
            (
                "outcome",
                blocks.CharBlock(
                    max_length=200,
                    label=_("Outcome"),
                    help_text=_("Start with a verb: 'Build a REST API in Django'."),
                ),
            )
        ],
        blank=True,
        verbose_name=_("learning outcomes"),
        help_text=_("What a learner can do after the course, one per item."),
    )
    certificate_template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("How this course's certificates look; a plain design if empty."),
    )
    sequential_lessons = models.BooleanField(
        _("sequential lessons"),
        default=False,
        help_text=_(
            "When on, learners must complete each lesson before the next one opens."
        ),
    )

    required_courses = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("required courses"),
        help_text=_(
            "Courses a learner must have completed before enrolling in or "
            "buying this one."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("difficulty")]),
                FieldRowPanel(
                    [FieldPanel("language"), FieldPanel("estimated_duration_minutes")]
                ),
                FieldPanel("instructor"),
                FieldPanel("sequential_lessons"),
                FieldPanel("certificate_template"),
                FieldPanel("required_courses", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("About the course"),
        ),
        InlinePanel(
            "cohorts",
            heading=_("Cohorts"),
            label=_("Cohort"),
            help_text=_(
                "Leave empty for a self-paced course. With cohorts, learners "
                "join one, and its lessons open from its start."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pricing_type"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]),
            ],
            heading=_("Pricing"),
        ),
    ]
    # Public facts only: lesson titles are indexed, lesson bodies never are.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("learning_outcomes"),
        index.SearchField("lesson_titles"),
        index.FilterField("pricing_type"),
        index.FilterField("difficulty"),
        index.FilterField("language"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields(
            "instructor",
            [index.SearchField("first_name"), index.SearchField("last_name")],
        ),
    ]

    def lesson_titles(self):
        return " ".join(
            LessonPage.objects.live()
            .descendant_of(self)
            .values_list("title", flat=True)
        )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.SectionPage"]
    # Shown on every view; their saves take a new content version
    # (courses/signals.py), so they are kept with the remembered route.
    remembered_relations = ("category", "instructor")

    class Meta:
        verbose_name = _("course")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(pricing_type="free", price=0)
                    | Q(pricing_type="paid", price__gt=0)
                    | Q(pricing_type="subscription")
                ),
                name="course_price_matches_pricing_type",
            ),
        ]

    def save(self, *args, **kwargs):
        from ..translations import is_translation  # it imports this module

        # A translation is taught in its own language: wagtail-localize copies
        # the original's fields, the language among them.
        language = self.locale.language_code if self.locale_id else ""
        if (
            self.pk
            and not self.alias_of_id
            and language in dict(COURSE_LANGUAGES)
            and is_translation(self)
        ):
            self.language = language
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pricing_type == self.PricingType.FREE and self.price:
            raise ValidationError({"price": _("A free course has a price of 0.")})
        if self.pricing_type == self.PricingType.PAID and not self.price:
            raise ValidationError(
                {"price": _("Set a price above 0 for a course learners buy.")}
            )

    @property
    def is_free(self):
        return self.pricing_type == self.PricingType.FREE

    @cached_property
    def syllabus(self):
        """Sections and live lessons in order: built with a fixed number of
        queries, once per content version (courses/outline.py)."""
        from ..outline import syllabus_of  # it imports this module

        return syllabus_of(self)

    @property
    def instructor_url(self):
        """The instructor's page in this course's catalogue (no query needed)."""
        catalogue_url = self.url[: -len(self.slug) - 1]
        return f"{catalogue_url}instructors/{self.instructor_id}/"

    @property
    def duration_minutes(self):
        return self.estimated_duration_minutes or self.syllabus.total_minutes

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["syllabus"] = self.syllabus
        context.update(learner_side.course_context(request, self))
        context.update(community_side.course_context(request, self))
        return context

    @property
    def next_cohort(self):
        """The first cohort still taking learners, from the cohorts read
        with the course (the catalogue prefetches them)."""
        return next_open_cohort(self.cohorts.all())

    @property
    def runs_cohorts(self):
        from ..outline import cohorts_of  # it imports this module
        from ..translations import original_id

        # A translation's learners join the original's cohorts.
        return bool(cohorts_of(original_id(self)))

    def open_cohorts(self):
        """The published cohorts that still take learners, in start order
        (their seats as of the content version: pages say "about")."""
        from ..outline import cohorts_of  # it imports this module
        from ..translations import original_id

        now = timezone.now()
        return [
            cohort for cohort in cohorts_of(original_id(self)) if cohort.is_open(now)
        ]

    def structured_data(self, request, site_name, home_url):
        """The JSON-LD of a course page: the Course and its breadcrumbs."""
        return [
            seo.course(request, self, site_name, home_url, cohorts=self.open_cohorts()),
            seo.breadcrumbs(request, self),
        ]

    @path("enroll/")
    def enroll(self, request):
        return learner_side.enroll_in_course(request, self)

    @path("reviews/", name="reviews")
    def reviews(self, request):
        return community_side.reviews(request, self)

    @path("reviews/<int:review_id>/<slug:action>/", name="review_action")
    def review_action(self, request, review_id, action):
        return community_side.review_action(request, self, review_id, action)

    @path("announcements/", name="announcements")
    def announcements(self, request):
        return community_side.announcements(request, self)

    @path(
        "announcements/<int:announcement_id>/<slug:action>/",
        name="announcement_action",
    )
    def announcement_action(self, request, announcement_id, action):
        return community_side.announcement_action(
            request, self, announcement_id, action
        )

    @path("leaderboard/", name="leaderboard")
    def leaderboard(self, request):
        return community_side.leaderboard(request, self)

    @path("questions/", name="questions")
    def questions(self, request):
        return community_side.questions(request, self)

    @path("questions/<int:question_id>/", name="question")
    def question(self, request, question_id):
        return community_side.question(request, self, question_id)

    @path("questions/<int:question_id>/<slug:action>/", name="question_action")
    def question_action(self, request, question_id, action):
        return community_side.question_action(request, self, question_id, action)
