"""Quiz attempts and assignment submissions, with their grades."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    """One try at a quiz block. The questions are copied in when it starts, so
    later edits to the quiz never change this attempt or its grade."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    block_id = models.CharField(_("quiz block"), max_length=64)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )
    snapshot = models.JSONField(_("questions as asked"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    answers_saved_at = models.DateTimeField(
        _("answers saved at"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    max_score = models.DecimalField(_("max score"), max_digits=7, decimal_places=2)
    percent = models.PositiveSmallIntegerField(_("percent"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    results = models.JSONField(_("per-question results"), default=list, blank=True)
    results_released = models.BooleanField(_("results released"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id", "number"],
                name="one_attempt_number_per_quiz",
            ),
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id"],
                condition=models.Q(status="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
        ]
        indexes = [models.Index(fields=["lesson", "block_id", "status"])]

    def __str__(self):
        return f"{self.enrollment} / quiz {self.block_id} #{self.number}"

    def submit(self, score, maximum, results):
        """Graded on the server: the score, the pass and each question's result."""
        self.score = score
        self.max_score = maximum
        self.percent = int(score * 100 / maximum) if maximum else 0
        self.passed = self.percent >= self.snapshot["pass_mark"]
        self.results = results
        self.status = self.Status.SUBMITTED
        self.submitted_at = timezone.now()
        self.save()

    @property
    def is_open(self):
        return self.status == self.Status.IN_PROGRESS

    @property
    def feedback_mode(self):
        return self.snapshot.get("feedback_mode", "immediate")

    @property
    def shows_score(self):
        return self.feedback_mode != "on_release" or self.results_released

    @property
    def shows_answers(self):
        return self.feedback_mode == "immediate" or self.results_released


def submission_file_path(instance, filename):
    """A random folder per file: the path never shows who handed it in."""
    return f"submissions/{uuid.uuid4().hex}/file{Path(filename).suffix.lower()}"


class Submission(models.Model):
    """One version of an assignment handed in; every earlier version is kept."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for grading")
        GRADED = "graded", _("Graded")
        RETURNED = "returned", _("Returned for resubmission")

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="submissions"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="submissions"
    )
    block_id = models.CharField(_("assignment block"), max_length=64)
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("written answer"), blank=True, max_length=20000)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    rubric = models.JSONField(_("rubric as set"), default=list, blank=True)
    max_score = models.PositiveIntegerField(_("max score"))
    pass_score = models.PositiveIntegerField(_("pass score"))
    rubric_scores = models.JSONField(_("score per criterion"), default=dict, blank=True)
    score = models.PositiveIntegerField(_("score"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id", "version"],
                name="one_submission_version",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__lte=models.F("max_score")),
                name="submission_score_within_max",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.enrollment} / assignment {self.block_id} v{self.version}"

    def grade(self, grader, rubric_scores, score, feedback, *, return_it=False):
        """The instructor's grade; returned work may be handed in again."""
        self.rubric_scores = rubric_scores
        self.score = score
        self.feedback = feedback
        self.status = self.Status.RETURNED if return_it else self.Status.GRADED
        self.graded_by = grader
        self.graded_at = timezone.now()
        self.save()

    @property
    def passed(self):
        return self.status == self.Status.GRADED and self.score >= self.pass_score

    @property
    def criterion_scores(self):
        """[(criterion, score or None, points)] of the rubric as graded."""
        scores = self.rubric_scores or {}
        return [
            (criterion["title"], scores.get(str(index)), criterion["points"])
            for index, criterion in enumerate(self.rubric)
        ]


class SubmissionFile(models.Model):
    """A file of a submission, checked by content before it is stored."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(upload_to=submission_file_path)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    kind = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("submitted file")

    def __str__(self):
        return self.original_name
