"""Due dates: a member hears a week before, the day before, and once when
overdue; the manager's report flags the overdue seat."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from learners.models import Enrollment, Notification
from organisations.services.reminders import send_due_reminders
from organisations.services.seats import assign_seat
from tests.organisations.factories import (
    course_with_lessons,
    licence,
    manager_of,
    organisation,
    person_in,
)

pytestmark = pytest.mark.django_db


def test_each_reminder_goes_once_and_a_completed_course_gets_none(catalogue, client):
    org = organisation("acme")
    course = course_with_lessons(catalogue, "compliance")
    seats = licence(org, course, 2)
    due = date(2027, 3, 15)
    late, done = person_in(org), person_in(org)
    assign_seat(seats, late, due_on=due)
    finished, _ = assign_seat(seats, done, due_on=due)
    Enrollment.objects.filter(pk=finished.enrollment_id).update(
        status="completed", completed_at=timezone.now()
    )

    counts = [
        send_due_reminders(today=due - timedelta(days=days))
        for days in (10, 7, 6, 1, 1, 0, -1, -2)
    ]

    assert counts == [0, 1, 0, 1, 0, 0, 1, 0]
    kinds = list(
        Notification.objects.filter(user=late)
        .exclude(kind="seat_assigned")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["seat_due_in_week", "seat_due_tomorrow", "seat_overdue"]
    assert not Notification.objects.filter(user=done, kind__startswith="seat_due")


def test_the_report_flags_an_overdue_seat(catalogue, client):
    org = organisation("acme")
    course = course_with_lessons(catalogue, "compliance")
    member = person_in(org, first_name="Pat", last_name="Late")
    assign_seat(
        licence(org, course, 1), member, due_on=timezone.localdate() - timedelta(days=2)
    )
    client.force_login(manager_of(org))

    page = client.get("/organisations/acme/report/").content.decode()
    overview = client.get("/organisations/acme/").content.decode()
    csv = client.get("/organisations/acme/report/?format=csv").content.decode()

    assert "Overdue" in page
    assert "Pat Late: Compliance, due" in overview
    header, row = csv.strip().splitlines()
    assert header.split(",")[9] == "Overdue" and row.split(",")[9] == "yes"
