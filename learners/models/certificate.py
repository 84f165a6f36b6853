"""Certificates of completion: one per enrolment, verifiable by a public code."""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L: codes are typed by hand from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def certificate_path(instance, filename):
    return f"certificates/{uuid.uuid4().hex}.pdf"


class Certificate(models.Model):
    """Issued once when a course is completed; names are copied in so the
    certificate keeps saying what it said on the day it was issued."""

    enrollment = models.OneToOneField(
        "learners.Enrollment", on_delete=models.PROTECT, related_name="certificate"
    )
    verification_code = models.CharField(
        _("verification code"),
        max_length=14,
        unique=True,
        default=new_verification_code,
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    learner_name = models.CharField(_("learner"), max_length=200)
    course_title = models.CharField(_("course"), max_length=255)
    instructor_name = models.CharField(_("instructor"), max_length=200, blank=True)
    completed_at = models.DateTimeField(_("completed at"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    pdf = models.FileField(_("PDF"), upload_to=certificate_path, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    # The Open Badges 3.0 credential, signed once (learners/credentials/).
    credential = models.JSONField(_("verifiable credential"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.course_title}: {self.learner_name} ({self.verification_code})"

    @property
    def is_valid(self):
        return self.revoked_at is None
