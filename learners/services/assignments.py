"""Assignment submissions and their grading by the instructor."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.audit import Action, record

from .. import webhook_events
from ..models import Enrollment, Submission, SubmissionFile
from ..notifications import notify
from ..uploads import UploadRejected, check_upload
from .errors import LearningError
from .progress import _enrollment_with_access
from .requirements import complete_when_requirements_met

MAX_FILES = 5


class AssignmentNotFound(LearningError):
    status_code = 404


class SubmissionRefused(LearningError):
    status_code = 400


def assignment_blocks(lesson):
    return {b.id: b.value for b in lesson.body if b.block_type == "assignment"}


def submit_assignment(user, lesson, block_id, text, files):
    """Hand in a new version. Files are checked before anything is written."""
    assignment = assignment_blocks(lesson).get(block_id)
    if assignment is None:
        raise AssignmentNotFound(_("This assignment does not exist."))
    enrollment = _enrollment_with_access(user, lesson)
    kinds = _check_files(assignment, files)
    text = (text or "").strip()
    if not text and not files:
        raise SubmissionRefused(_("Write an answer or attach a file."))
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        earlier = Submission.objects.filter(
            enrollment=enrollment, lesson=lesson, block_id=block_id
        ).order_by("-version")
        latest = earlier.first()
        _check_may_submit(assignment, latest)
        due = due_at(enrollment, assignment)
        now = timezone.now()
        submission = Submission.objects.create(
            enrollment=enrollment,
            lesson=lesson,
            block_id=block_id,
            version=(latest.version + 1) if latest else 1,
            text=text,
            due_at=due,
            is_late=bool(due and now > due),
            rubric=[dict(c) for c in assignment["rubric"]],
            max_score=assignment["max_score"],
            pass_score=assignment["pass_score"],
        )
        for uploaded, kind in zip(files, kinds, strict=True):
            SubmissionFile.objects.create(
                submission=submission,
                file=uploaded,
                original_name=uploaded.name[:200],
                size=uploaded.size,
                kind=kind,
            )
    return submission


def _check_files(assignment, files):
    if len(files) > MAX_FILES:
        raise SubmissionRefused(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
    allowed = set(assignment["allowed_file_types"] or [])
    if files and not allowed:
        raise SubmissionRefused(_("This assignment takes a written answer only."))
    max_bytes = assignment["max_file_size_mb"] * 1024 * 1024
    try:
        return [check_upload(f, allowed, max_bytes) for f in files]
    except UploadRejected as error:
        raise SubmissionRefused(error.message) from error


def _check_may_submit(assignment, latest):
    if latest is None or latest.status == Submission.Status.RETURNED:
        return
    if not assignment["allow_resubmission"]:
        raise SubmissionRefused(_("This assignment takes one submission."))
    if latest.passed:
        raise SubmissionRefused(_("You have already passed this assignment."))


def due_at(enrollment, assignment):
    """When this learner's work is due: days after they enrolled, or None."""
    days = assignment.get("due_days_after_enrolment")
    return enrollment.enrolled_at + timedelta(days=days) if days else None


def grade_submission(
    grader, submission, rubric_scores, score, feedback, *, return_it=False
):
    """Record the instructor's grade; a pass may complete the learner's lesson."""
    if submission.rubric:
        score = sum(rubric_scores.values())
    if not 0 <= score <= submission.max_score:
        raise SubmissionRefused(_("The score must be between 0 and the max score."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        before = submission.score
        submission.grade(grader, rubric_scores, score, feedback, return_it=return_it)
        record(
            Action.GRADE_CHANGED,
            submission,
            f"{'-' if before is None else before} -> {score} of "
            f"{submission.max_score} ({submission.get_status_display()})",
            actor=grader,
        )
        notify(submission.enrollment.user, "assignment_graded", submission)
        webhook_events.submission_graded(submission)
    learner = submission.enrollment.user
    if submission.passed:
        complete_when_requirements_met(learner, submission.lesson)
    return submission
