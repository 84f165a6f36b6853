"""Enrolling, holding a place during checkout, and leaving a course."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import webhook_events
from ..models import Enrollment
from ..notifications import notify
from .cohorts import check_required_courses, take_seat
from .errors import CourseNotOpen, EmailNotVerified, NotEnrolled, NotFreeCourse

# Sources that join a course by the learner's own choice: they meet its
# required courses and find a seat in an open cohort. A settled payment and
# a learning platform's launch place the learner whatever the seats say.
CHOOSING_SOURCES = (
    Enrollment.Source.FREE,
    Enrollment.Source.SUBSCRIPTION,
)
SEAT_CHECKED_SOURCES = (*CHOOSING_SOURCES, Enrollment.Source.ADMIN)


@dataclass(frozen=True)
class EnrollmentOutcome:
    enrollment: Enrollment
    created: bool = False
    reactivated: bool = False

    @property
    def already_enrolled(self):
        return not (self.created or self.reactivated)


def has_verified_email(user):
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def enroll(user, course, source, cohort_id=None, *, met=()):
    """Enrol `user` in `course`, once: safe under any number of parallel calls.

    A learner who left comes back to the same enrolment and their progress.
    In a course that runs cohorts they take a seat in `cohort_id` (or the
    next cohort with room). Required courses in `met` count as completed
    (a programme teaches them first).
    """
    _check_can_enroll(user, course, source, met)
    with transaction.atomic():
        existing = Enrollment.objects.filter(user=user, course=course).first()
        cohort = None
        if _needs_seat(existing):
            cohort = take_seat(
                user, course, cohort_id, enforce=source in SEAT_CHECKED_SOURCES
            )
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    user=user, course=course, source=source, cohort=cohort
                )
            _confirm(user, enrollment, source)
            webhook_events.enrollment_created(enrollment)
            return EnrollmentOutcome(enrollment, created=True)
        except IntegrityError:
            # Another request created it first; wait for it and use that row.
            enrollment = Enrollment.objects.select_for_update().get(
                user=user, course=course
            )
        if enrollment.gives_access:
            return EnrollmentOutcome(enrollment)
        was_held = enrollment.status == Enrollment.Status.PENDING
        enrollment.activate(source, cohort=cohort)
        if was_held:  # a purchase settled: this is the learner's enrolment
            _confirm(user, enrollment, source)
            webhook_events.enrollment_created(enrollment)
            return EnrollmentOutcome(enrollment, created=True)
        return EnrollmentOutcome(enrollment, reactivated=True)


def _confirm(user, enrollment, source):
    # An organisation's seat is announced by its own e-mail, with its due date.
    if source != Enrollment.Source.ORGANISATION:
        notify(user, "enrolment_confirmed", enrollment)


def _needs_seat(enrollment):
    """A new enrolment, or one coming back, takes a seat; one that gives
    access or holds a seat for its payment has one."""
    if enrollment is None:
        return True
    if enrollment.gives_access:
        return False
    return not (enrollment.status == Enrollment.Status.PENDING and enrollment.cohort_id)


def _check_can_enroll(user, course, source, met=()):
    # A payment taken while the course was on sale always gets its place,
    # even if the course was unpublished before the payment settled.
    if not course.live and source != Enrollment.Source.PURCHASE:
        raise CourseNotOpen(_("This course is not open for enrolment."))
    if source == Enrollment.Source.FREE:
        if not course.is_free:
            raise NotFreeCourse(
                _("This course is not free: buy it or subscribe to enrol.")
            )
        if not has_verified_email(user):
            raise EmailNotVerified(
                _("Please verify your e-mail address before you enrol.")
            )
    if source in CHOOSING_SOURCES:
        check_required_courses(user, course, ignoring=met)


def hold_enrollment(user, course, cohort_id=None):
    """A pending enrolment while a purchase is being paid: no access yet,
    but its cohort seat is held. Call it inside the checkout's transaction."""
    check_required_courses(user, course)
    cohort = take_seat(user, course, cohort_id)
    enrollment, created = Enrollment.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "status": Enrollment.Status.PENDING,
            "source": Enrollment.Source.PURCHASE,
            "cohort": cohort,
        },
    )
    if (
        not created
        and enrollment.status == Enrollment.Status.PENDING
        and enrollment.cohort_id != (cohort.pk if cohort else None)
    ):
        enrollment.cohort = cohort
        enrollment.save(update_fields=["cohort", "updated_at"])
    return enrollment


def release_held_enrollment(user, course):
    """A failed or expired payment: the pending enrolment goes away."""
    Enrollment.objects.filter(
        user=user, course=course, status=Enrollment.Status.PENDING
    ).delete()


def leave_course(user, course):
    """The learner leaves; their progress is kept for when they come back."""
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update()
            .filter(user=user, course=course)
            .first()
        )
        if enrollment is None or not enrollment.gives_access:
            raise NotEnrolled(_("You are not enrolled in this course."))
        enrollment.leave()
    return enrollment
