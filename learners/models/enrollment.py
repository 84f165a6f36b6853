"""Enrolments: one row per learner and course, whatever happens to it later."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrollmentQuerySet(models.QuerySet):
    def with_access(self):
        """Enrolments that open the course's lessons."""
        return self.filter(status__in=Enrollment.ACCESS_STATUSES)


class Enrollment(models.Model):
    """A learner's place in a course. Made only by `learners.services.enroll`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending payment")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Left the course")
        REFUNDED = "refunded", _("Refunded")
        EXPIRED = "expired", _("Expired")
        SUSPENDED = "suspended", _("Paused while a payment is disputed")

    class Source(models.TextChoices):
        FREE = "free", _("Free enrolment")
        PURCHASE = "purchase", _("Purchase")
        SUBSCRIPTION = "subscription", _("Subscription")
        ADMIN = "admin", _("Added by staff")
        LTI = "lti", _("Launched from a learning platform (LTI)")
        ORGANISATION = "organisation", _("A seat from an organisation")

    ACCESS_STATUSES = (Status.ACTIVE, Status.COMPLETED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrollments"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        # A cohort an editor removes anyway: its learners keep their place
        # and go on at their own pace.
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("left at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Lessons that opened by drip up to this moment were announced.
    openings_announced_at = models.DateTimeField(null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_enrollment_per_user_and_course"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed")
                | models.Q(completed_at__isnull=False),
                name="completed_enrollment_has_completed_at",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["cohort", "status"]),
        ]

    def __str__(self):
        return f"{self.user} in {self.course}"

    @property
    def gives_access(self):
        return self.status in self.ACCESS_STATUSES

    # State changes: the services call these inside their transactions, on a
    # row they have locked.

    def activate(self, source, cohort=None):
        """Open (or reopen) the course: completed again if it ever was; in
        `cohort` when it came back with a new seat."""
        self.status = self.Status.COMPLETED if self.completed_at else self.Status.ACTIVE
        self.source = source
        self.cancelled_at = None
        fields = ["status", "source", "cancelled_at", "updated_at"]
        if cohort is not None:
            self.cohort = cohort
            fields.append("cohort")
        self.save(update_fields=fields)

    def leave(self):
        """The learner leaves; progress stays for when they come back."""
        self.status = self.Status.CANCELLED
        self.cancelled_at = timezone.now()
        self.save(update_fields=["status", "cancelled_at", "updated_at"])

    def complete(self):
        self.status = self.Status.COMPLETED
        self.completed_at = timezone.now()
        self.save(update_fields=["status", "completed_at", "updated_at"])
