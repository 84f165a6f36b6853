"""Questions about a course, their answers and up-votes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class PostRole(models.TextChoices):
    """Who wrote a post, as the course saw it when it was written."""

    LEARNER = "learner", _("Learner")
    INSTRUCTOR = "instructor", _("Instructor")
    MODERATOR = "moderator", _("Moderator")


class Post(models.Model):
    """What a question and an answer share. The body is kept as written
    (Markdown) and as the safe HTML made from it once, when it is saved."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    author_role = models.CharField(
        _("written as"), max_length=12, choices=PostRole.choices
    )
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # A deleted post keeps its place in the thread, without its text.
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    # Hidden by a moderator: only moderators still read it, marked hidden.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def html(self):
        """The body as the page shows it: cleaned by nh3 when it was saved
        (`home.markdown_text`), so it is marked safe here, once."""
        return mark_safe(self.body_html)  # noqa: S308


class Question(Post):
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    accepted_answer = models.OneToOneField(
        "community.Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(
                fields=["course", "-is_pinned", "-last_activity_at"],
                name="question_course_activity",
            ),
            models.Index(fields=["lesson", "-created_at"], name="question_lesson"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.course.url}questions/{self.pk}/"


class Answer(Post):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers"
    )

    class Meta:
        verbose_name = _("answer")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["question", "created_at"], name="answer_question")
        ]

    def __str__(self):
        return f"{_('Answer')} {self.pk} to {self.question_id}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"


class Vote(models.Model):
    """One person's up-vote on one question or answer: the database keeps it
    to one per person and post, however many requests race."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, answer__isnull=True)
                    | Q(question__isnull=True, answer__isnull=False)
                ),
                name="vote_on_one_post",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="one_vote_per_question",
            ),
            models.UniqueConstraint(
                fields=["user", "answer"],
                condition=Q(answer__isnull=False),
                name="one_vote_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} on {self.question_id or self.answer_id}"
