"""What a person is told: each e-mail sent (so a repeated task sends nothing
twice), the notifications in their bell and their choices per topic."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    kind = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "user", "object_id"], name="one_email_per_event"
            )
        ]

    def __str__(self):
        return f"{self.kind} to {self.user_id} about {self.object_id}"


class Notification(models.Model):
    """One event shown in a person's bell: what happened (`kind`, about the
    object `object_id`), its line and link as they were when it happened.
    Unique per person, kind and object, so an event told twice shows once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40)
    topic = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Waiting for the learner's daily digest e-mail.
    in_digest = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id"], name="one_notification_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_feed"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["user"],
                condition=models.Q(in_digest=True),
                name="notification_digest",
            ),
        ]

    def __str__(self):
        return f"{self.kind} for {self.user_id}: {self.title}"


class NotificationPreference(models.Model):
    """How one person wants one topic: in the bell and by e-mail, in the bell
    only, or not at all. Without a row the topic's default applies."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("In the app and by e-mail")
        APP = "app", _("In the app only")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.CharField(max_length=20)
    channel = models.CharField(max_length=5, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="one_preference_per_topic"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.topic} {self.channel}"
