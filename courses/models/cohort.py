"""A cohort: a run of a course that starts on a date, with its own seats."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class Cohort(models.Model):
    """Learners who start a course together. Edited on the course page and
    published with it; the seats taken are counted by the enrolments."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("For example “Spring 2027”.")
    )
    starts_at = models.DateTimeField(
        _("starts"),
        help_text=_("Lessons open from this moment (plus any delay they set)."),
    )
    ends_at = models.DateTimeField(
        _("ends"),
        null=True,
        blank=True,
        help_text=_("Optional: when the cohort's teaching ends."),
    )
    enrolment_closes_at = models.DateTimeField(
        _("enrolment closes"),
        null=True,
        blank=True,
        help_text=_(
            "The last moment to join. Empty: learners may join until the cohort ends."
        ),
    )
    seat_limit = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("How many learners may join. Empty: no limit."),
    )
    # Kept by the enrolments (learners.services.cohorts) for pages to show;
    # the seat check itself counts the enrolments under a lock.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("enrolment_closes_at"), FieldPanel("seat_limit")]),
        FieldPanel("seats_taken", read_only=True),
    ]

    class Meta:
        verbose_name = _("cohort")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="cohort_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(enrolment_closes_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(enrolment_closes_at__lte=F("ends_at")),
                name="cohort_enrolment_closes_before_it_ends",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A cohort ends after it starts.")})
        if (
            self.enrolment_closes_at
            and self.ends_at
            and self.enrolment_closes_at > self.ends_at
        ):
            raise ValidationError(
                {"enrolment_closes_at": _("Enrolment closes by the cohort's end.")}
            )

    @property
    def closes_at(self):
        """When joining stops, or None while the cohort never closes."""
        return self.enrolment_closes_at or self.ends_at

    @property
    def has_started(self):
        return timezone.now() >= self.starts_at

    def is_open(self, now=None):
        now = now or timezone.now()
        closes = self.closes_at
        return closes is None or now < closes

    @property
    def seats_left(self):
        """Seats still free (as last counted), or None without a limit."""
        if self.seat_limit is None:
            return None
        return max(self.seat_limit - self.seats_taken, 0)

    @property
    def is_full(self):
        return self.seats_left == 0


def next_open_cohort(cohorts, now=None):
    """The first of `cohorts` (in start order) that still takes learners."""
    now = now or timezone.now()
    return next((c for c in cohorts if c.is_open(now) and not c.is_full), None)
