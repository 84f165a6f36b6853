"""Outbound webhooks: the endpoints staff register, and each delivery of an
event to one of them, with its log."""

import secrets
import uuid

from django.core.cache import cache
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENT_TYPES = [
    ("enrollment.created", _("A learner enrolled")),
    ("lesson.completed", _("A learner completed a lesson")),
    ("course.completed", _("A learner completed a course")),
    ("certificate.issued", _("A certificate was issued")),
    ("certificate.revoked", _("A certificate was revoked")),
    ("order.paid", _("An order was paid")),
    ("order.refunded", _("An order was refunded")),
    ("submission.graded", _("An assignment was graded")),
]


def new_secret():
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    """An address the site tells about events, signed with its own secret."""

    url = models.URLField(
        _("URL"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_("Your receiver checks each delivery's signature with it."),
    )
    event_types = models.JSONField(
        _("events"), default=list, help_text=_("The events sent to this address.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")

    def __str__(self):
        return self.description or self.url

    # Every event asks which endpoints want it; the answer is cached until an
    # endpoint changes (home/webhooks.py).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_endpoints()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_endpoints()
        return result

    def wants(self, event_type):
        return self.active and event_type in self.event_types


ENDPOINTS_CACHE_KEY = "webhooks:endpoints"


def forget_endpoints():
    cache.delete(ENDPOINTS_CACHE_KEY)


class WebhookDelivery(models.Model):
    """One event for one endpoint: tried until it gets a 2xx, for a day."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Gave up")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event_type = models.CharField(_("event"), max_length=40)
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last response"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next try"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="one_delivery_per_event"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="webhook_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.event_type} {self.event_id} to {self.endpoint}"
