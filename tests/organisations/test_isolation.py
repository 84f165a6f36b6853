"""A manager sees their own organisation and nothing else: every address of
another organisation is a 404, and reports list only their own members."""

import pytest

from learners.models import Enrollment
from organisations.models import Membership, SeatAssignment
from organisations.services.seats import assign_seat
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
def world(catalogue):
    course = course_with_lessons(catalogue, "shared")
    a, b = organisation("alpha"), organisation("beta")
    a_seats, b_seats = licence(a, course, 5), licence(b, course, 5)
    a_member = person_in(a, first_name="Ana", last_name="Alpha")
    b_member = person_in(b, first_name="Ben", last_name="Beta")
    assign_seat(a_seats, a_member)
    assign_seat(b_seats, b_member)
    return {
        "a": a,
        "b": b,
        "a_manager": manager_of(a),
        "b_member": b_member,
        "b_seats": b_seats,
    }


def addresses_of(world):
    b = world["b"]
    seat = SeatAssignment.objects.get(user=world["b_member"])
    membership = Membership.objects.get(user=world["b_member"])
    return [
        ("get", f"/organisations/{b.slug}/"),
        ("get", f"/organisations/{b.slug}/members/"),
        ("post", f"/organisations/{b.slug}/members/"),
        ("post", f"/organisations/{b.slug}/members/{membership.pk}/remove/"),
        ("get", f"/organisations/{b.slug}/seats/{world['b_seats'].pk}/"),
        ("post", f"/organisations/{b.slug}/seats/{world['b_seats'].pk}/"),
        ("post", f"/organisations/{b.slug}/seats/reclaim/{seat.pk}/"),
        ("get", f"/organisations/{b.slug}/report/"),
        ("get", f"/organisations/{b.slug}/report/?format=csv"),
        # B's seat through A's own address
        ("post", f"/organisations/{world['a'].slug}/seats/reclaim/{seat.pk}/"),
        ("get", f"/organisations/{world['a'].slug}/seats/{world['b_seats'].pk}/"),
    ]


def test_a_manager_gets_404_for_every_address_of_another_organisation(world, client):
    client.force_login(world["a_manager"])

    for method, url in addresses_of(world):
        response = getattr(client, method)(url, {"emails": "x@example.com"})
        assert response.status_code == 404, (method, url)
    assert SeatAssignment.objects.filter(
        user=world["b_member"], reclaimed_at__isnull=True
    ).exists()
    assert Membership.objects.filter(user=world["b_member"]).exists()


def test_a_member_who_is_not_a_manager_gets_404_too(world, client):
    client.force_login(world["b_member"])

    assert client.get(f"/organisations/{world['b'].slug}/").status_code == 404
    assert client.get(f"/organisations/{world['b'].slug}/report/").status_code == 404


def test_reports_list_only_the_managers_own_people(world, client):
    outsider = learner(first_name="Olga", last_name="Outside")
    Enrollment.objects.create(
        user=outsider,
        course=SeatAssignment.objects.first().licence.course,
        source="free",
    )
    client.force_login(world["a_manager"])

    page = client.get(f"/organisations/{world['a'].slug}/report/").content.decode()
    csv = client.get(
        f"/organisations/{world['a'].slug}/report/?format=csv"
    ).content.decode()

    assert "Ana Alpha" in page and "Ana Alpha" in csv
    for name in ("Ben Beta", "Olga Outside"):
        assert name not in page and name not in csv
    seats = client.get(
        f"/organisations/{world['a'].slug}/seats/{world['a'].licences.get().pk}/"
    ).content.decode()
    assert "Ben Beta" not in seats
    # The people a seat can go to: by address, as other people's made-up
    # names may contain "Ben" (Bender, Benson).
    choices = seats.split("Give a seat to")[1].split("</fieldset>")[0]
    assert world["b_member"].email not in choices


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    response = client.get(f"/organisations/{world['a'].slug}/")

    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_managers_dashboard_links_their_organisation_and_no_other(world, client):
    client.force_login(world["a_manager"])
    mine = client.get("/dashboard/").content.decode()
    client.force_login(world["b_member"])
    member = client.get("/dashboard/").content.decode()

    assert 'href="/organisations/alpha/">Manage Alpha' in mine
    assert "Beta" not in mine
    assert "Manage " not in member
