"""Seat licences: managers give members seats in courses and take them
back; no more seats are given than the licence holds."""

import pytest

from learners.access import lesson_access
from learners.models import Enrollment, LessonProgress
from learners.services import complete_lesson
from organisations.models import Membership, SeatAssignment
from organisations.services.errors import NoSeatsLeft, NotAMember
from organisations.services.members import remove_member
from organisations.services.seats import assign_seat, reclaim_seat
from tests.conftest import in_parallel
from tests.learners.factories import learner
from tests.organisations.factories import (
    course_with_lessons,
    licence,
    manager_of,
    organisation,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme():
    return organisation("acme")


@pytest.fixture
def paid_course(catalogue):
    return course_with_lessons(
        catalogue, "safety", pricing_type="paid", price=20000, currency="ZAR"
    )


def test_a_seat_enrols_the_member_in_a_paid_course_without_payment(acme, paid_course):
    seats = licence(acme, paid_course, 3)
    member = person_in(acme)

    seat, created = assign_seat(seats, member, by=manager_of(acme))

    assert created
    enrollment = seat.enrollment
    assert (enrollment.status, enrollment.source) == ("active", "organisation")
    assert lesson_access(member, paid_course.syllabus.lessons[0]).allowed


def test_only_members_get_seats_and_never_more_than_the_licence_holds(
    acme, paid_course
):
    seats = licence(acme, paid_course, 1)
    assign_seat(seats, person_in(acme))

    with pytest.raises(NotAMember):
        assign_seat(seats, learner())
    with pytest.raises(NoSeatsLeft, match="All 1 seats of “Safety” are taken"):
        assign_seat(seats, person_in(acme))


def test_taking_a_seat_back_ends_access_keeps_progress_and_frees_the_seat(
    acme, paid_course
):
    seats = licence(acme, paid_course, 1)
    member = person_in(acme)
    seat, _ = assign_seat(seats, member)
    first = paid_course.syllabus.lessons[0]
    complete_lesson(member, first)

    reclaim_seat(seat)
    other, created = assign_seat(seats, person_in(acme))

    assert created and other.is_active
    assert Enrollment.objects.get(user=member).status == "cancelled"
    assert not lesson_access(member, first).allowed
    assert LessonProgress.objects.filter(
        enrollment__user=member, status="completed"
    ).exists()


def test_a_learner_who_bought_the_course_keeps_it_when_the_seat_goes(acme, catalogue):
    free = course_with_lessons(catalogue, "free-course")
    seats = licence(acme, free, 1)
    member = person_in(acme)
    from learners import services

    services.enroll(member, free, Enrollment.Source.FREE)
    seat, _ = assign_seat(seats, member)
    reclaim_seat(seat)

    assert Enrollment.objects.get(user=member).status == "active"


def test_leaving_the_organisation_gives_its_seats_back(acme, paid_course):
    seats = licence(acme, paid_course, 1)
    member = person_in(acme)
    assign_seat(seats, member)

    remove_member(Membership.objects.get(user=member))

    assert not SeatAssignment.objects.filter(reclaimed_at__isnull=True).exists()
    assert Enrollment.objects.get(user=member).status == "cancelled"


def test_giving_a_seat_again_only_moves_its_due_date(acme, paid_course):
    from datetime import date

    seats = licence(acme, paid_course, 2)
    member = person_in(acme)
    assign_seat(seats, member)

    seat, created = assign_seat(seats, member, due_on=date(2027, 1, 31))

    assert not created and seat.due_on == date(2027, 1, 31)
    assert SeatAssignment.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_assignments_of_a_ten_seat_licence_give_ten(catalogue):
    org = organisation("racers")
    course = course_with_lessons(catalogue, "race-course")
    seats = licence(org, course, 10)
    people = [person_in(org, username=f"member-{n}") for n in range(30)]

    results = in_parallel(30, lambda n: assign_seat(seats, people[n]))

    given = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(given) == 10
    assert len(refused) == 20 and all(isinstance(r, NoSeatsLeft) for r in refused)
    assert SeatAssignment.objects.filter(reclaimed_at__isnull=True).count() == 10
    assert Enrollment.objects.filter(course=course).count() == 10


def test_the_seats_page_gives_seats_to_the_chosen_members_with_a_due_date(
    acme, paid_course, client
):
    seats = licence(acme, paid_course, 5)
    client.force_login(manager_of(acme))
    ana, ben = person_in(acme, first_name="Ana"), person_in(acme, first_name="Ben")
    url = f"/organisations/acme/seats/{seats.pk}/"

    response = client.post(url, {"members": [ana.pk, ben.pk], "due_on": "2027-02-01"})
    page = client.get(url).content.decode()

    assert response.status_code == 302
    assert set(
        SeatAssignment.objects.values_list("user__first_name", "due_on__year")
    ) == {("Ana", 2027), ("Ben", 2027)}
    assert "2 of 5 seats given" in page
    choices = page.split("Give a seat to")[1].split("</fieldset>")[0]
    assert "Ana" not in choices and "Every member has a seat" not in choices
