"""Quiz attempts: start, autosave and submit, with limits enforced here."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.grading import clean_answers, grade, quiz_blocks, take_snapshot

from ..models import Enrollment, LearningEvent, QuizAttempt
from ..notifications import notify
from ..signals import quiz_graded, quiz_passed
from .activity import record_event
from .errors import LearningError
from .progress import _enrollment_with_access
from .requirements import complete_when_requirements_met

# Answers that arrive a moment after the deadline (a slow network) still count.
GRACE = timedelta(seconds=30)


class QuizNotFound(LearningError):
    status_code = 404


class NoAttemptsLeft(LearningError):
    status_code = 409


class AttemptClosed(LearningError):
    status_code = 409


def start_attempt(user, lesson, block_id):
    """The learner's open attempt at this quiz, or a new one if they have tries
    left. Two parallel starts take turns on the enrolment row lock."""
    quiz = quiz_blocks(lesson).get(block_id)
    if quiz is None:
        raise QuizNotFound(_("This quiz does not exist."))
    enrollment = _enrollment_with_access(user, lesson)
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        attempts = QuizAttempt.objects.filter(
            enrollment=enrollment, lesson=lesson, block_id=block_id
        )
        current = attempts.filter(status=QuizAttempt.Status.IN_PROGRESS).first()
        if current and not _past_deadline(current):
            return current
        if current:
            _finish(current)
        used = attempts.count()
        if quiz["max_attempts"] and used >= quiz["max_attempts"]:
            raise NoAttemptsLeft(_("You have used all your attempts at this quiz."))
        return _create_attempt(enrollment, lesson, block_id, quiz, used + 1)


def _create_attempt(enrollment, lesson, block_id, quiz, number):
    snapshot = take_snapshot(
        quiz, seed=f"{enrollment.pk}:{lesson.pk}:{block_id}:{number}"
    )
    limit = quiz["time_limit_minutes"]
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                enrollment=enrollment,
                lesson=lesson,
                block_id=block_id,
                number=number,
                snapshot=snapshot,
                max_score=sum(q["points"] for q in snapshot["questions"]),
                deadline=timezone.now() + timedelta(minutes=limit) if limit else None,
            )
    except IntegrityError as error:
        raise AttemptClosed(
            _("Another attempt was started at the same time.")
        ) from error


def save_answers(user, attempt_id, answers):
    """Autosave: store the answers so far while the attempt is open and on time."""
    with transaction.atomic():
        attempt = _locked_attempt(user, attempt_id)
        if not attempt.is_open or _past_deadline(attempt):
            raise AttemptClosed(_("Time is up: answers are no longer saved."))
        attempt.answers = clean_answers(attempt.snapshot, answers)
        attempt.answers_saved_at = timezone.now()
        attempt.save(update_fields=["answers", "answers_saved_at"])
    return attempt


def submit_attempt(user, attempt_id, answers):
    """Grade the attempt from its snapshot. After the deadline, only the answers
    saved in time count. A submitted attempt cannot be submitted again."""
    with transaction.atomic():
        attempt = _locked_attempt(user, attempt_id)
        if not attempt.is_open:
            raise AttemptClosed(_("This attempt has already been submitted."))
        if not _past_deadline(attempt):
            attempt.answers = clean_answers(attempt.snapshot, answers)
            attempt.answers_saved_at = timezone.now()
        _finish(attempt)
        record_event(
            user,
            attempt.lesson,
            LearningEvent.Kind.QUIZ_SUBMITTED,
            block_id=attempt.block_id,
            payload={"attempt": attempt.pk, "passed": attempt.passed},
            score_percent=attempt.percent,
            verified=True,  # graded here, from the snapshot
        )
        if attempt.shows_score:
            quiz_graded.send(sender=QuizAttempt, attempt=attempt)
        if attempt.passed and attempt.shows_score:
            quiz_passed.send(sender=QuizAttempt, attempt=attempt)
    if attempt.passed:
        complete_when_requirements_met(user, attempt.lesson)
    return attempt


def release_results(course, lesson_id, block_id):
    """Show held-back results; passes now count towards completing the lesson."""
    with transaction.atomic():
        attempts = QuizAttempt.objects.select_for_update().filter(
            enrollment__course=course,
            lesson_id=lesson_id,
            block_id=block_id,
            results_released=False,
        )
        released = list(attempts.select_related("enrollment__user", "lesson"))
        attempts.update(results_released=True)
        for attempt in released:
            attempt.results_released = True
            quiz_graded.send(sender=QuizAttempt, attempt=attempt)
            if attempt.passed:
                quiz_passed.send(sender=QuizAttempt, attempt=attempt)
    for attempt in released:
        notify(attempt.enrollment.user, "quiz_results_released", attempt)
        if attempt.passed:
            complete_when_requirements_met(attempt.enrollment.user, attempt.lesson)
    return len(released)


def _finish(attempt):
    attempt.submit(*grade(attempt.snapshot, attempt.answers))


def _locked_attempt(user, attempt_id):
    attempt = (
        QuizAttempt.objects.select_for_update()
        .select_related("lesson", "enrollment")
        .filter(pk=attempt_id, enrollment__user=user)
        .first()
    )
    if attempt is None:
        raise QuizNotFound(_("This attempt does not exist."))
    # Answers count only while the lesson is open to the learner (a refund
    # or a paused payment closes it), whichever way they arrive.
    _enrollment_with_access(user, attempt.lesson)
    return attempt


def _past_deadline(attempt):
    return attempt.deadline is not None and timezone.now() > attempt.deadline + GRACE
