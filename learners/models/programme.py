"""A learner in a programme, and the certificate for completing all of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .certificate import certificate_path, new_verification_code
from .enrollment import Enrollment


class ProgrammeEnrollment(models.Model):
    """The learner joined a programme (its courses have their own
    enrolments); completed once every course in it is."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_enrollments",
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Enrollment.Source.choices
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="one_programme_enrollment_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.programme}"


class ProgrammeCertificate(models.Model):
    """Issued once when every course of a programme is complete. It is
    checked on the same public page, by the same kind of code, as a course's."""

    enrollment = models.OneToOneField(
        ProgrammeEnrollment, on_delete=models.PROTECT, related_name="certificate"
    )
    verification_code = models.CharField(
        _("verification code"),
        max_length=14,
        unique=True,
        default=new_verification_code,
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    learner_name = models.CharField(_("learner"), max_length=200)
    programme_title = models.CharField(_("programme"), max_length=255)
    course_titles = models.JSONField(_("courses"), default=list)
    completed_at = models.DateTimeField(_("completed at"))
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1)
    pdf = models.FileField(_("PDF"), upload_to=certificate_path, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("programme certificate")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.programme_title}: {self.learner_name} ({self.verification_code})"

    @property
    def is_valid(self):
        return self.revoked_at is None

    @property
    def instructor_name(self):
        """A programme has many teachers; its certificate names none."""
        return ""
