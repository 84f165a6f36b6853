"""Giving members seats in courses and taking them back. Assigning counts
the licence's seats under its row lock, so no more seats are given than it
holds, however many managers click at once."""

from django.db import transaction
from django.utils.translation import gettext as _

from learners import services as learning
from learners.models import Enrollment
from learners.notifications import notify
from learners.services.programmes import join_programme

from ..models import Membership, SeatAssignment, SeatLicence
from .errors import NoSeatsLeft, NotAMember


def seats_used(licence):
    return licence.assignments.filter(reclaimed_at__isnull=True).count()


def assign_seat(licence, user, *, by=None, due_on=None):
    """Give `user` (a member) a seat of `licence` and enrol them; giving it
    again changes only the due date."""
    if not Membership.objects.filter(
        organisation_id=licence.organisation_id, user=user
    ).exists():
        raise NotAMember(_("%(person)s is not a member.") % {"person": user.email})
    with transaction.atomic():
        licence = SeatLicence.objects.select_for_update().get(pk=licence.pk)
        current = licence.assignments.filter(
            user=user, reclaimed_at__isnull=True
        ).first()
        if current is not None:
            if due_on != current.due_on:
                current.due_on = due_on
                current.save(update_fields=["due_on"])
            return current, False
        if seats_used(licence) >= licence.seats:
            raise NoSeatsLeft(
                _("All %(seats)s seats of “%(course)s” are taken.")
                % {"seats": licence.seats, "course": licence.course.title}
            )
        outcome = learning.enroll(user, licence.course, Enrollment.Source.ORGANISATION)
        seat = SeatAssignment.objects.create(
            licence=licence,
            user=user,
            enrollment=outcome.enrollment,
            assigned_by=by,
            due_on=due_on,
        )
        notify(user, "seat_assigned", seat)
    return seat, True


def reclaim_seat(seat):
    """Take a seat back: the member's enrolment through it ends (their
    progress stays), and the seat is free for someone else."""
    with transaction.atomic():
        seat = SeatAssignment.objects.select_for_update().get(pk=seat.pk)
        if not seat.is_active:
            return seat
        seat.reclaim()
        enrollment = seat.enrollment
        if (
            enrollment is not None
            and enrollment.source == Enrollment.Source.ORGANISATION
            and enrollment.gives_access
        ):
            learning.leave_course(seat.user, enrollment.course)
    return seat


def add_seats(organisation, course, seats):
    """More seats of a course (a purchase, or staff): one licence per course."""
    with transaction.atomic():
        licence, created = SeatLicence.objects.select_for_update().get_or_create(
            organisation=organisation, course=course, defaults={"seats": seats}
        )
        if not created:
            licence.seats += seats
            licence.save(update_fields=["seats"])
    return licence


def remove_seats(organisation, course, seats):
    """Fewer seats (a refund): as many as are free, never below those given.
    Returns how many were removed."""
    with transaction.atomic():
        licence = (
            SeatLicence.objects.select_for_update()
            .filter(organisation=organisation, course=course)
            .first()
        )
        if licence is None:
            return 0
        removed = min(seats, licence.seats - seats_used(licence))
        licence.seats -= removed
        licence.save(update_fields=["seats"])
    return removed


def programmes_held(organisation, programmes):
    """Of `programmes`, those with a seat licence in every course: the
    organisation can give them whole."""
    held = set(
        SeatLicence.objects.filter(organisation=organisation).values_list(
            "course_id", flat=True
        )
    )
    return [p for p in programmes if p.courses and set(p.course_ids) <= held]


def assign_programme(organisation, programme, user, *, by=None, due_on=None):
    """Give `user` a seat in each course of `programme` and put them in the
    programme, all or nothing: one course without a seat left gives none."""
    licences = {
        licence.course_id: licence
        for licence in SeatLicence.objects.filter(
            organisation=organisation, course_id__in=programme.course_ids
        )
    }
    with transaction.atomic():
        for course in programme.courses:
            licence = licences.get(course.pk)
            if licence is None:
                raise NoSeatsLeft(
                    _("%(name)s holds no seats of “%(course)s”.")
                    % {"name": organisation.name, "course": course.title}
                )
            assign_seat(licence, user, by=by, due_on=due_on)
        membership, _created = join_programme(
            user, programme, Enrollment.Source.ORGANISATION
        )
    return membership
