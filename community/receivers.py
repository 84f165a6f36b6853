"""Points for learning events the `learners` app reports."""

from django.dispatch import receiver

from learners.signals import course_completed, lesson_completed, quiz_passed

from .models import XPEvent
from .services.achievements import points_for

Reason = XPEvent.Reason


@receiver(lesson_completed)
def points_for_a_lesson(sender, progress, **kwargs):
    enrollment = progress.enrollment
    points_for(
        enrollment.user_id, Reason.LESSON_COMPLETED, progress.pk, enrollment.course_id
    )


@receiver(quiz_passed)
def points_for_a_quiz(sender, attempt, **kwargs):
    enrollment = attempt.enrollment
    points_for(
        enrollment.user_id,
        Reason.QUIZ_PASSED,
        attempt.pk,
        enrollment.course_id,
        score_percent=attempt.percent,
    )


@receiver(course_completed)
def points_for_a_course(sender, enrollment, **kwargs):
    # Sent after the commit: this enqueue commits on its own.
    points_for(
        enrollment.user_id, Reason.COURSE_COMPLETED, enrollment.pk, enrollment.course_id
    )
