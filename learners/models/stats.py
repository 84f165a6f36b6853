"""Stored aggregates the analytics pages read: one row per course, per lesson
and per course-day, refreshed by beat tasks, never computed on a request."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseStats(models.Model):
    """A course's numbers as of `refreshed_at`. Rates are in basis points."""

    course = models.OneToOneField(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="stats"
    )
    page_views = models.PositiveIntegerField(default=0)
    enrollments = models.PositiveIntegerField(default=0)
    active_learners = models.PositiveIntegerField(default=0)
    started = models.PositiveIntegerField(default=0)
    completions = models.PositiveIntegerField(default=0)
    completion_rate_bp = models.PositiveIntegerField(default=0)
    average_progress_bp = models.PositiveIntegerField(default=0)
    quiz_attempts = models.PositiveIntegerField(default=0)
    quiz_pass_rate_bp = models.PositiveIntegerField(default=0)
    # The lessons most often started but not completed: [{lesson, title, stuck}].
    top_dropoff = models.JSONField(default=list)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("course statistics")
        verbose_name_plural = _("course statistics")

    def __str__(self):
        return f"Stats of course {self.course_id}"


class LessonStats(models.Model):
    """A lesson's numbers: who started it, who finished, how long it took."""

    lesson = models.OneToOneField(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="stats"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="lesson_stats"
    )
    position = models.PositiveIntegerField(default=0)
    started = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    average_seconds = models.PositiveIntegerField(default=0)
    quiz_attempts = models.PositiveIntegerField(default=0)
    quiz_passed = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("lesson statistics")
        verbose_name_plural = _("lesson statistics")
        ordering = ["course", "position"]

    def __str__(self):
        return f"Stats of lesson {self.lesson_id}"

    @property
    def stuck(self):
        return max(self.started - self.completed, 0)


class CourseDay(models.Model):
    """What happened to a course on one day: views, enrolments, completions."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField()
    page_views = models.PositiveIntegerField(default=0)
    enrollments = models.PositiveIntegerField(default=0)
    completions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["course", "date"], name="one_row_per_day")
        ]

    def __str__(self):
        return f"{self.course_id} on {self.date}"
