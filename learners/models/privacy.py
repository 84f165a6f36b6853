"""A person's requests about their own data: a download of everything held
about them, and the erasure of their account after a grace period."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def export_path(instance, filename):
    """A random name outside the public media folders."""
    return f"private/data-exports/{uuid.uuid4().hex}.zip"


class DataExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready to download")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(upload_to=export_path, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # Two clicks, or two tabs, prepare one file.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="one_pending_data_export",
            )
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return f"data export #{self.pk}"

    @property
    def downloadable(self):
        return self.status == self.Status.READY and self.expires_at > timezone.now()


class ErasureRequest(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="erasure_requests",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    erase_after = models.DateTimeField(_("erased after"))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(cancelled_at__isnull=True, erased_at__isnull=True),
                name="one_open_erasure_request",
            )
        ]
        indexes = [models.Index(fields=["erase_after"], name="erasure_due_idx")]

    def __str__(self):
        return f"erasure request #{self.pk}"

    @property
    def is_open(self):
        return self.cancelled_at is None and self.erased_at is None

    def cancel(self):
        self.cancelled_at = timezone.now()
        self.save(update_fields=["cancelled_at"])

    def mark_erased(self):
        self.erased_at = timezone.now()
        self.save(update_fields=["erased_at"])
