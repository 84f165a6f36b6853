"""Learning events that change a result an LTI platform's gradebook shows:
each has the learner's results read again after it commits."""

from django.db import transaction
from django.dispatch import receiver

from learners.signals import course_completed, lesson_completed, quiz_graded

from .services.grades import results_changed


@receiver(lesson_completed)
def result_after_a_lesson(sender, progress, **kwargs):
    enrollment = progress.enrollment
    results_changed(enrollment.user_id, enrollment.course_id)


@receiver(quiz_graded)
def result_after_a_quiz(sender, attempt, **kwargs):
    enrollment = attempt.enrollment
    results_changed(enrollment.user_id, enrollment.course_id)


@receiver(course_completed)
def result_after_the_course(sender, enrollment, **kwargs):
    # Sent after the commit: the outbox row commits on its own.
    with transaction.atomic():
        results_changed(enrollment.user_id, enrollment.course_id)
