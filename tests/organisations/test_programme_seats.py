"""An organisation buys seats of a programme: one order, N seats in each of
its courses, the price split between the courses in the ledger; a manager
then gives a member the whole programme, or nothing when a course is full."""

import pytest

from learners.models import Enrollment, ProgrammeEnrollment
from organisations.models import SeatAssignment, SeatLicence
from organisations.services.seats import assign_seat
from payments.models import Earning, Order
from payments.services.refunds import refund_order
from tests.courses.factories import build_programme
from tests.organisations.factories import (
    course_with_lessons,
    manager_of,
    organisation,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme():
    return organisation("acme", tax_number="ZA4012345678")


@pytest.fixture
def programme(catalogue):
    courses = [
        course_with_lessons(
            catalogue, slug, pricing_type="paid", price=price, currency="ZAR"
        )
        for slug, price in (("safety", 10000), ("loading", 30000))
    ]
    return build_programme(
        catalogue,
        courses,
        slug="warehouse",
        title="Warehouse Basics",
        pricing_type="paid",
        price=32000,
        currency="ZAR",
    )


def buy(client, org, programme, quantity):
    page = client.post(
        f"/payments/seats/{org.slug}/",
        {"programme": programme.pk, "quantity": quantity},
    )
    assert page.status_code == 302, page.content.decode()
    return client.post(page.url, {"pay": ""}, follow=True)


def test_buying_seats_of_a_programme_adds_them_to_each_course(acme, programme, client):
    manager = manager_of(acme)
    client.force_login(manager)

    landed = buy(client, acme, programme, 4)

    order = Order.objects.get()
    assert (order.programme, order.organisation, order.quantity) == (
        programme,
        acme,
        4,
    )
    assert order.total == 128000
    assert "4 seats of “Warehouse Basics” to give" in landed.content.decode()
    assert sorted(
        SeatLicence.objects.filter(organisation=acme).values_list(
            "course__slug", "seats"
        )
    ) == [("loading", 4), ("safety", 4)]
    rows = {e.course.slug: e.gross for e in Earning.objects.filter(order=order)}
    assert rows == {"safety": 32000, "loading": 96000}
    assert not Enrollment.objects.filter(user=manager).exists()
    assert order.invoice.description == "Warehouse Basics: 4 seats"
    overview = client.get("/organisations/acme/").content.decode()
    assert "Give a programme" in overview


def test_a_manager_gives_a_member_the_whole_programme(acme, programme, client):
    client.force_login(manager_of(acme))
    buy(client, acme, programme, 2)
    member = person_in(acme)
    membership = acme.memberships.get(user=member)

    response = client.post(
        "/organisations/acme/programmes/give/",
        {"programme": programme.pk, "member": membership.pk, "due_on": "2027-01-31"},
        follow=True,
    )

    assert "has a seat in every course" in response.content.decode()
    seats = SeatAssignment.objects.filter(user=member)
    assert seats.count() == 2
    assert {str(seat.due_on) for seat in seats} == {"2027-01-31"}
    assert set(
        Enrollment.objects.filter(user=member).values_list("source", flat=True)
    ) == {"organisation"}
    assert ProgrammeEnrollment.objects.get(user=member).programme == programme


def test_one_full_course_gives_no_seat_at_all(acme, programme, client):
    client.force_login(manager_of(acme))
    buy(client, acme, programme, 1)
    first = person_in(acme)
    loading = SeatLicence.objects.get(course__slug="loading")
    assign_seat(loading, first)  # the only seat of one course is taken
    second = person_in(acme)

    response = client.post(
        "/organisations/acme/programmes/give/",
        {
            "programme": programme.pk,
            "member": acme.memberships.get(user=second).pk,
        },
        follow=True,
    )

    assert "are taken" in response.content.decode()
    assert not SeatAssignment.objects.filter(user=second).exists()
    assert not Enrollment.objects.filter(user=second).exists()
    assert not ProgrammeEnrollment.objects.filter(user=second).exists()


def test_another_organisations_manager_cannot_give_its_programme(
    acme, programme, client
):
    client.force_login(manager_of(acme))
    buy(client, acme, programme, 1)
    other = organisation("other")
    client.force_login(manager_of(other))

    response = client.post(
        "/organisations/acme/programmes/give/",
        {"programme": programme.pk, "member": acme.memberships.first().pk},
    )

    assert response.status_code == 404
    assert not SeatAssignment.objects.exists()


def test_a_refund_takes_back_the_free_seats_of_each_course(acme, programme, client):
    client.force_login(manager_of(acme))
    buy(client, acme, programme, 3)
    assign_seat(SeatLicence.objects.get(course__slug="safety"), person_in(acme))

    refund_order(Order.objects.get().pk)

    assert sorted(SeatLicence.objects.values_list("course__slug", "seats")) == [
        ("loading", 0),
        ("safety", 1),
    ]
