"""How far a learner has got in each lesson of a course they are enrolled in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """One row per enrolment and lesson, written only by `learners.services`."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="progress"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="progress_records"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_accessed_at = models.DateTimeField(_("last opened"), null=True, blank=True)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    time_spent_seconds = models.PositiveIntegerField(
        _("time spent (seconds)"), default=0
    )
    video_watched_percent = models.PositiveSmallIntegerField(
        _("furthest video position (%)"), default=0
    )

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson"], name="one_progress_per_lesson"
            ),
            models.CheckConstraint(
                condition=models.Q(video_watched_percent__lte=100),
                name="video_percent_at_most_100",
            ),
        ]
        indexes = [
            models.Index(fields=["enrollment", "status"]),
            models.Index(fields=["enrollment", "-last_accessed_at"]),
            # Active monthly learners: progress touched in the last 30 days.
            models.Index(fields=["last_accessed_at"], name="progress_last_accessed"),
        ]

    def __str__(self):
        return f"{self.enrollment} / {self.lesson_id}: {self.status}"

    def record_visit(self, when):
        """The learner opened the lesson at `when`: started, if it was not."""
        if self.status == self.Status.NOT_STARTED:
            self.status = self.Status.IN_PROGRESS
            self.started_at = when
        self.last_accessed_at = when

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED


class LearningDay(models.Model):
    """The time one enrolment spent learning on one day (UTC), added to by the
    same heartbeats as `LessonProgress.time_spent_seconds`: the record that
    subscription income is shared by, and the dashboard's learning time."""

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="learning_days"
    )
    date = models.DateField(_("date"))
    seconds = models.PositiveIntegerField(_("seconds"), default=0)

    class Meta:
        verbose_name = _("learning day")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "date"], name="one_learning_day_per_enrolment"
            )
        ]
        indexes = [models.Index(fields=["date"], name="learning_day_date")]

    def __str__(self):
        return f"{self.enrollment_id} on {self.date}: {self.seconds}s"
