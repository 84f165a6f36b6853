"""What the tool keeps beside django-lti's registrations, deployments,
users and resource links: each platform's terms, the nonces already used,
where each resource link points and what was last sent to its gradebook."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlatformTerms(models.Model):
    """What staff allowed a registered platform."""

    registration = models.OneToOneField(
        "lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="terms"
    )
    instructors_may_author = models.BooleanField(
        _("platform instructors may author courses here"),
        default=False,
        help_text=_(
            "On: a person the platform launches as an instructor joins the "
            "Instructors role and may write courses in the admin (moderated "
            "as everyone's). Off: they are enrolled like their learners."
        ),
    )

    class Meta:
        verbose_name = _("platform terms")

    def __str__(self):
        return f"Terms of {self.registration}"


class UsedNonce(models.Model):
    """A launch's nonce, once: a replayed launch finds it here and is refused."""

    registration = models.ForeignKey(
        "lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="+"
    )
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "nonce"], name="lti_nonce_used_once"
            )
        ]

    def __str__(self):
        return self.nonce


class Placement(models.Model):
    """A resource link in a platform's course, and the page it opens: one of
    our courses or lessons, and the gradebook column its results go to."""

    resource_link = models.OneToOneField(
        "lti_tool.LtiResourceLink", on_delete=models.CASCADE, related_name="placement"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="lti_placements"
    )
    lineitem_url = models.URLField(_("gradebook column"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["course"])]

    def __str__(self):
        return f"{self.resource_link} → {self.page_id}"

    @property
    def is_course(self):
        return self.page_id == self.course_id


class ScoreReport(models.Model):
    """The result last sent (or waiting to be sent) to one gradebook column
    for one learner. The task sends what is here now, so a retry or a
    second run never sends an old result after a newer one."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="score_reports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    platform_user_id = models.CharField(max_length=255)
    score_given = models.DecimalField(max_digits=7, decimal_places=2)
    score_maximum = models.DecimalField(max_digits=7, decimal_places=2)
    activity_progress = models.CharField(max_length=16)
    grading_progress = models.CharField(max_length=16)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    changed_at = models.DateTimeField(_("result changed at"))
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "user"], name="one_score_report_per_column"
            ),
            models.CheckConstraint(
                condition=models.Q(score_given__gte=0)
                & models.Q(score_given__lte=models.F("score_maximum")),
                name="score_within_maximum",
            ),
        ]
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        return f"{self.score_given}/{self.score_maximum} for {self.user_id}"
