"""Learners' reviews of a course, and the course's rating kept in step."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

STARS = range(1, 6)


class Review(models.Model):
    """One learner's stars and words about one course; they may change them."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("stars"))
    text = models.TextField(_("review"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    reply = models.TextField(_("instructor's reply"), blank=True)
    reply_html = models.TextField(editable=False, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "author"], name="one_review_per_learner_per_course"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_one_to_five"
            ),
        ]
        indexes = [
            models.Index(fields=["course", "-updated_at"], name="review_course_recent")
        ]

    def __str__(self):
        return f"{self.rating}★ for {self.course_id} by {self.author_id}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def reply_safe(self):
        """The reply, cleaned by nh3 when it was saved."""
        return mark_safe(self.reply_html)  # noqa: S308


class CourseRating(models.Model):
    """A course's visible reviews summed up, written with every change to
    them (never counted per page view): the count, the total of stars and
    how many gave each number of stars."""

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating",
    )
    count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    stars_1 = models.PositiveIntegerField(default=0)
    stars_2 = models.PositiveIntegerField(default=0)
    stars_3 = models.PositiveIntegerField(default=0)
    stars_4 = models.PositiveIntegerField(default=0)
    stars_5 = models.PositiveIntegerField(default=0)
    # The average to one decimal, stored so the catalogue can sort by it.
    average = models.DecimalField(max_digits=2, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("course rating")
        indexes = [models.Index(fields=["-average", "-count"], name="rating_order")]

    def __str__(self):
        return f"{self.average} ({self.count}) for {self.course_id}"
