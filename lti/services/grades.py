"""Results back to the platform's gradebook (LTI Assignment and Grade
Services): what a learner's result is for a placed course or lesson, a
report row kept per column and learner, and the call that sends it."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from lti_tool.models import LtiUser
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem

from home.outbox import enqueue
from learners.models import Enrollment, LessonProgress, QuizAttempt
from learners.services import course_progress

from ..models import Placement, ScoreReport
from ..protocol import (
    LINEITEM_READ_SCOPE,
    LINEITEM_SCOPE,
    SCORE_SCOPE,
    service_connector,
)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Result:
    score_given: Decimal
    activity_progress: str  # Initialized, Started, InProgress, Completed
    grading_progress: str  # NotReady, Pending, FullyGraded
    score_maximum: Decimal = HUNDRED


def result_of(placement, user_id):
    """The learner's result for a placed course (share of lessons done;
    full marks once the course is complete) or lesson (its best quiz score
    the learner may see, else full marks once it is done)."""
    enrollment = Enrollment.objects.filter(
        user_id=user_id, course_id=placement.course_id
    ).first()
    if enrollment is None:
        return Result(Decimal(0), "Initialized", "NotReady")
    if placement.is_course:
        return _course_result(enrollment)
    return _lesson_result(enrollment, placement.page_id)


def _course_result(enrollment):
    if enrollment.completed_at:
        return Result(HUNDRED, "Completed", "FullyGraded")
    progress = course_progress(enrollment)
    if not progress.total or not progress.completed:
        return Result(Decimal(0), "Started", "Pending")
    share = (HUNDRED * progress.completed / progress.total).quantize(CENT)
    return Result(share, "InProgress", "Pending")


def _lesson_result(enrollment, lesson_id):
    done = LessonProgress.objects.filter(
        enrollment=enrollment,
        lesson_id=lesson_id,
        status=LessonProgress.Status.COMPLETED,
    ).exists()
    best = QuizAttempt.objects.filter(
        Q(results_released=True) | ~Q(snapshot__feedback_mode="on_release"),
        enrollment=enrollment,
        lesson_id=lesson_id,
        status=QuizAttempt.Status.SUBMITTED,
        percent__isnull=False,
    ).aggregate(best=Max("percent"))["best"]
    activity = "Completed" if done else "Started"
    if best is not None:
        return Result(Decimal(best), activity, "FullyGraded")
    if done:
        return Result(HUNDRED, activity, "FullyGraded")
    return Result(Decimal(0), activity, "Pending")


def record_result(placement, user_id):
    """Keep the learner's current result for the column and have it sent,
    if it changed. Runs in the caller's transaction; the task goes out after
    it commits (the outbox)."""
    platform_user = (
        LtiUser.objects.filter(
            registration_id=placement.resource_link.context.deployment.registration_id,
            auth_user_id=user_id,
        )
        .values_list("sub", flat=True)
        .first()
    )
    if platform_user is None:
        return None
    result = result_of(placement, user_id)
    values = {
        "platform_user_id": platform_user,
        "score_given": result.score_given,
        "score_maximum": result.score_maximum,
        "activity_progress": result.activity_progress,
        "grading_progress": result.grading_progress,
    }
    with transaction.atomic():
        report, created = ScoreReport.objects.select_for_update().get_or_create(
            placement=placement,
            user_id=user_id,
            defaults={**values, "changed_at": timezone.now()},
        )
        if not created:
            if all(getattr(report, name) == value for name, value in values.items()):
                return report
            for name, value in values.items():
                setattr(report, name, value)
            report.changed_at = timezone.now()
            report.state = ScoreReport.State.PENDING
            report.save()
        enqueue("lti.tasks.send_score_task", report.pk)
    return report


def placements_of(user_id, course_id):
    """The columns of this course the learner was launched into."""
    return Placement.objects.filter(
        course_id=course_id,
        resource_link__context__members__auth_user_id=user_id,
    ).distinct()


def results_changed(user_id, course_id):
    """A learning event: if the learner came through LTI, their results are
    read again once the event's transaction has committed (the outbox)."""
    if placements_of(user_id, course_id).exists():
        enqueue("lti.tasks.record_results_task", user_id, course_id)


def record_results_for(user_id, course_id):
    """Every column of this course the learner was launched into gets their
    current result."""
    placements = placements_of(user_id, course_id).select_related(
        "resource_link__context__deployment"
    )
    for placement in placements:
        record_result(placement, user_id)


def send_score(report_id):
    """POST the report's result to its column's `scores` endpoint. Sends what
    the row says now; marks it sent only if it did not change meanwhile."""
    report = (
        ScoreReport.objects.select_related(
            "placement__resource_link__context__deployment__registration",
            "placement__page",
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.state == ScoreReport.State.SENT:
        return None
    placement = report.placement
    context = placement.resource_link.context
    grade = (
        Grade()
        .set_score_given(float(report.score_given))
        .set_score_maximum(float(report.score_maximum))
        .set_activity_progress(report.activity_progress)
        .set_grading_progress(report.grading_progress)
        .set_timestamp(report.changed_at.isoformat())
        .set_user_id(report.platform_user_id)
    )
    service = AssignmentsGradesService(
        service_connector(context.deployment.registration),
        {
            "scope": _scopes(context),
            "lineitems": context.lineitems_url,
            "lineitem": placement.lineitem_url,
        },
    )
    try:
        lineitem = _column(service, placement, report)
        service.put_grade(grade, lineitem)
    except Exception as error:  # a platform's refusal or a network failure
        ScoreReport.objects.filter(pk=report.pk, changed_at=report.changed_at).update(
            state=ScoreReport.State.FAILED,
            attempts=report.attempts + 1,
            last_error=str(error)[:500],
        )
        raise
    return ScoreReport.objects.filter(
        pk=report.pk, changed_at=report.changed_at
    ).update(
        state=ScoreReport.State.SENT,
        sent_at=timezone.now(),
        attempts=report.attempts + 1,
        last_error="",
    )


def _column(service, placement, report):
    """The placement's gradebook column: the one the platform made with the
    link, else ours, found by resource link or made now (and remembered)."""
    if placement.lineitem_url:
        return LineItem({"id": placement.lineitem_url})
    column = service.find_or_create_lineitem(
        LineItem()
        .set_label(placement.page.title[:255])
        .set_score_maximum(float(report.score_maximum))
        .set_resource_id(str(placement.page_id))
        .set_resource_link_id(placement.resource_link.id_on_platform)
        .set_tag(f"coursewright-{placement.page_id}"),
        find_by="resource_link_id",
    )
    Placement.objects.filter(pk=placement.pk).update(lineitem_url=column.get_id())
    return column


def _scopes(context):
    scopes = []
    if context.can_publish_scores:
        scopes.append(SCORE_SCOPE)
    if context.can_manage_lineitems:
        scopes.append(LINEITEM_SCOPE)
    elif context.can_query_lineitems:
        scopes.append(LINEITEM_READ_SCOPE)
    return scopes
