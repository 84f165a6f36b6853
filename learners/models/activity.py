"""One record of what a learner did in a lesson, whatever the content type,
and the per-video state behind "watched" (merged segments, resume point)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningEvent(models.Model):
    """Something a learner did in a block of a lesson. `verified` says whether
    the server checked it (a graded quiz, a signed AI-tool result) or the
    browser only reported it (video, PDF, H5P and SCORM scores)."""

    class Kind(models.TextChoices):
        VIDEO_PROGRESS = "video_progress", _("Video watched")
        PDF_OPENED = "pdf_opened", _("PDF opened")
        H5P_STATEMENT = "h5p_statement", _("H5P statement")
        SCORM_RESULT = "scorm_result", _("SCORM result")
        AI_TOOL_RESULT = "ai_tool_result", _("AI tool result")
        QUIZ_SUBMITTED = "quiz_submitted", _("Quiz submitted")
        LESSON_COMPLETED = "lesson_completed", _("Lesson completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="events"
    )
    block_id = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    payload = models.JSONField(default=dict)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learning event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score_percent__lte=100),
                name="event_score_at_most_100",
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "lesson", "-created_at"], name="event_learner_lesson"
            ),
            models.Index(fields=["lesson", "kind"], name="event_lesson_kind"),
        ]

    def __str__(self):
        return f"{self.kind} by {self.user_id} in {self.lesson_id}/{self.block_id}"


class VideoWatch(models.Model):
    """What one learner has watched of one video block: the merged watched
    segments (so skipping ahead counts for nothing) and where they stopped."""

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="video_watches"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    duration_seconds = models.PositiveIntegerField(default=0)
    segments = models.JSONField(default=list)  # [[start, end], ...] in seconds
    watched_seconds = models.PositiveIntegerField(default=0)
    position_seconds = models.PositiveIntegerField(default=0)
    reported_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id"], name="one_watch_per_video"
            )
        ]

    def __str__(self):
        return (
            f"{self.enrollment_id} watched {self.watched_seconds}s of {self.block_id}"
        )

    @property
    def percent(self):
        if not self.duration_seconds:
            return 0
        return min(100, 100 * self.watched_seconds // self.duration_seconds)
