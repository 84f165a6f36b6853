"""A record of each learner e-mail sent, so a repeated task sends nothing twice."""

from django.conf import settings
from django.db import models


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
