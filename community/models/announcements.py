"""An instructor's announcements to the learners of a course."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class Announcement(models.Model):
    """Shown to the course's learners from `publish_at`; `published_at` is
    set once, by whoever tells the learners, so they are told once."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("announcement"))
    body_html = models.TextField(editable=False)
    send_email = models.BooleanField(_("also e-mail it"), default=True)
    publish_at = models.DateTimeField(_("publish at"))
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "-publish_at"], name="announcement_course"),
            models.Index(
                fields=["publish_at"],
                condition=Q(published_at__isnull=True),
                name="announcement_due",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.course.url}announcements/#announcement-{self.pk}"

    @property
    def html(self):
        # Rendered from Markdown and cleaned by nh3 when it was saved.
        return mark_safe(self.body_html)  # noqa: S308

    @property
    def is_published(self):
        return self.published_at is not None
