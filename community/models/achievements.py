"""Achievements: points for real learning events, streaks of learning days,
and the badges staff define."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class XPEvent(models.Model):
    """Points for one learning event, recorded by the server from its own
    records (never from a browser's claim), once: the unique constraint
    makes a replayed event award nothing."""

    class Reason(models.TextChoices):
        LESSON_COMPLETED = "lesson_completed", _("Lesson completed")
        QUIZ_PASSED = "quiz_passed", _("Quiz passed")
        COURSE_COMPLETED = "course_completed", _("Course completed")
        ANSWER_ACCEPTED = "answer_accepted", _("Answer accepted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    # The progress row, quiz attempt, enrolment or answer it was for.
    object_id = models.PositiveBigIntegerField()
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    points = models.PositiveSmallIntegerField()
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    # The learner's own calendar day when it happened (their time zone).
    local_day = models.DateField()

    class Meta:
        verbose_name = _("points event")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reason", "object_id"], name="one_award_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["created_at"], name="xp_recent"),
            models.Index(fields=["course", "created_at"], name="xp_course_recent"),
            models.Index(fields=["user", "reason"], name="xp_user_reason"),
        ]

    def __str__(self):
        return f"{self.points} XP to {self.user_id} for {self.reason} {self.object_id}"


class Streak(models.Model):
    """Days in a row with learning, kept as each new day arrives."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    current = models.PositiveIntegerField(default=0)
    best = models.PositiveIntegerField(default=0)
    last_day = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("streak")

    def __str__(self):
        return f"{self.user_id}: {self.current} days (best {self.best})"


class Badge(models.Model):
    """A badge staff define: earned when the learner's count for `rule`
    reaches `threshold` ("first lesson" is lessons completed, 1)."""

    class Rule(models.TextChoices):
        LESSONS_COMPLETED = "lessons_completed", _("Lessons completed")
        COURSES_COMPLETED = "courses_completed", _("Courses completed")
        STREAK_DAYS = "streak_days", _("Days in a row of learning")
        ACCEPTED_ANSWERS = "accepted_answers", _("Accepted answers")
        PERFECT_QUIZZES = "perfect_quizzes", _("Quizzes passed with 100%")
        POINTS = "points", _("Points in total")

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=255)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    threshold = models.PositiveIntegerField(_("reaching"), default=1)
    is_active = models.BooleanField(_("awarded"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("badge")
        ordering = ["rule", "threshold", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=1), name="badge_threshold_positive"
            )
        ]

    def __str__(self):
        return self.name


class BadgeAward(models.Model):
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="awards")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("badge earned")
        constraints = [
            models.UniqueConstraint(
                fields=["badge", "user"], name="one_award_per_badge"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-awarded_at"], name="badge_award_user")
        ]

    def __str__(self):
        return f"{self.badge_id} to {self.user_id}"
