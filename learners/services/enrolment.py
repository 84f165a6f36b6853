"""Enrolling, holding a seat during checkout, and leaving a course."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import webhook_events
from ..models import Enrollment
from ..notifications import notify
from .errors import CourseNotOpen, EmailNotVerified, NotEnrolled, NotFreeCourse


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


def enroll(user, course, source):
    """Enrol `user` in `course`, once: safe under any number of parallel calls.

    A learner who left comes back to the same enrolment and their progress.
    """
    _check_can_enroll(user, course, source)
    with transaction.atomic():
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    user=user, course=course, source=source
                )
            notify(user, "enrolment_confirmed", enrollment)
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
        enrollment.activate(source)
        if was_held:  # a purchase settled: this is the learner's enrolment
            notify(user, "enrolment_confirmed", enrollment)
            webhook_events.enrollment_created(enrollment)
            return EnrollmentOutcome(enrollment, created=True)
        return EnrollmentOutcome(enrollment, reactivated=True)


def _check_can_enroll(user, course, source):
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


def hold_enrollment(user, course):
    """A pending enrolment while a purchase is being paid: no access yet."""
    enrollment, _created = Enrollment.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "status": Enrollment.Status.PENDING,
            "source": Enrollment.Source.PURCHASE,
        },
    )
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
