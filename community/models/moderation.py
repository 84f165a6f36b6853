"""Reports of posts (questions, answers and reviews), and bans from posting
in a course."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .qa import Answer, Question


class Report(models.Model):
    """Someone asks a moderator to look at a post. One open report per
    person and post; a moderator hides the post or dismisses the report."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Rude or abusive")
        OFF_TOPIC = "off_topic", _("Not about the course")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        HIDDEN = "hidden", _("Post hidden")
        DISMISSED = "dismissed", _("Dismissed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, related_name="+"
    )
    review = models.ForeignKey(
        "community.Review", on_delete=models.CASCADE, null=True, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, answer__isnull=True, review__isnull=True)
                    | Q(
                        question__isnull=True, answer__isnull=False, review__isnull=True
                    )
                    | Q(
                        question__isnull=True, answer__isnull=True, review__isnull=False
                    )
                ),
                name="report_on_one_post",
            ),
            models.UniqueConstraint(
                fields=["reporter", "question"],
                condition=Q(question__isnull=False, outcome="open"),
                name="one_open_report_per_question",
            ),
            models.UniqueConstraint(
                fields=["reporter", "answer"],
                condition=Q(answer__isnull=False, outcome="open"),
                name="one_open_report_per_answer",
            ),
            models.UniqueConstraint(
                fields=["reporter", "review"],
                condition=Q(review__isnull=False, outcome="open"),
                name="one_open_report_per_review",
            ),
        ]
        indexes = [models.Index(fields=["outcome", "course"], name="report_queue")]

    def __str__(self):
        target = self.question_id or self.answer_id or self.review_id
        return f"{self.get_reason_display()} ({target})"

    @property
    def post(self):
        return self.question or self.answer or self.review


class CourseBan(models.Model):
    """A person who may still read a course's questions but not post."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ban from posting")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"], name="one_ban_per_course_and_user"
            )
        ]

    def __str__(self):
        return f"{self.user_id} in {self.course_id}"
