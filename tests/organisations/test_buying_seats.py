"""A manager buys seats through the normal checkout: one order, one invoice
to the organisation with its tax number, the instructor's share in the
ledger, and the seats added to the organisation's licence once."""

import io

import pytest
from pypdf import PdfReader
from wagtail.models import Site

from home.models import TaxSettings
from learners.models import Enrollment
from organisations.models import SeatLicence
from organisations.services.seats import assign_seat
from payments.models import Earning, Order, PaymentTransaction
from payments.services.checkout import fulfil_checkout
from payments.services.refunds import refund_order
from tests.organisations.factories import (
    course_with_lessons,
    manager_of,
    organisation,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme():
    return organisation(
        "acme",
        tax_number="ZA4012345678",
        billing_address="12 Dock Road\nCape Town",
    )


@pytest.fixture
def course(catalogue):
    return course_with_lessons(
        catalogue, "forklift", pricing_type="paid", price=20000, currency="ZAR"
    )


def buy(client, org, course, quantity):
    page = client.post(
        f"/payments/seats/{org.slug}/", {"course": course.pk, "quantity": quantity}
    )
    assert page.status_code == 302, page.content.decode()
    return client.post(page.url, {"pay": ""}, follow=True)


def test_a_manager_buys_ten_seats_in_one_order_invoiced_to_the_organisation(
    acme, course, client
):
    TaxSettings.objects.create(
        site=Site.objects.get(is_default_site=True), tax_rate_basis_points=1500
    )
    manager = manager_of(acme, first_name="Nomsa")
    client.force_login(manager)

    landed = buy(client, acme, course, 10)

    order = Order.objects.get()
    assert (order.organisation, order.quantity, order.status) == (acme, 10, "paid")
    # Prices include tax unless the site says otherwise: 15% of 2,000.00 inside.
    assert (order.list_price, order.tax, order.total) == (200000, 26087, 200000)
    assert landed.redirect_chain[-1][0] == "/organisations/acme/"
    assert "10 seats of “Forklift” to give" in landed.content.decode()
    assert SeatLicence.objects.get(organisation=acme, course=course).seats == 10
    assert PaymentTransaction.objects.filter(order=order).count() == 1
    assert not Enrollment.objects.filter(user=manager).exists()
    (earning,) = Earning.objects.filter(order=order)
    assert (earning.gross, earning.tax) == (order.total, order.tax)
    assert earning.instructor_amount + earning.platform_amount == (
        order.total - order.tax - earning.gateway_fee
    )
    invoice = order.invoice
    assert (invoice.billed_to_name, invoice.billed_to_tax_number) == (
        "Acme",
        "ZA4012345678",
    )
    pdf = client.get(f"/dashboard/purchases/{order.pk}/invoice/")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Acme" in text and "Tax number: ZA4012345678" in text
    assert "12 Dock Road" in text and "Forklift: 10 seats" in text


def test_the_payment_adds_its_seats_once_however_often_it_is_reported(
    acme, course, client
):
    client.force_login(manager_of(acme))
    buy(client, acme, course, 3)
    order = Order.objects.get()

    fulfil_checkout(order.gateway_session_id)
    fulfil_checkout(order.gateway_session_id)

    assert SeatLicence.objects.get().seats == 3


def test_buying_more_adds_to_the_licence_and_seats_can_then_be_given(
    acme, course, client
):
    client.force_login(manager_of(acme))
    buy(client, acme, course, 1)
    buy(client, acme, course, 2)

    licence = SeatLicence.objects.get()
    assert licence.seats == 3
    seat, _ = assign_seat(licence, person_in(acme))
    assert seat.enrollment.source == "organisation"


def test_only_the_organisations_managers_can_buy_its_seats(acme, course, client):
    client.force_login(person_in(acme))

    response = client.post(
        f"/payments/seats/{acme.slug}/", {"course": course.pk, "quantity": 5}
    )

    assert response.status_code == 404
    assert not Order.objects.exists()


def test_a_bad_number_of_seats_is_a_clear_refusal(acme, course, client):
    client.force_login(manager_of(acme))

    response = client.post(
        f"/payments/seats/{acme.slug}/", {"course": course.pk, "quantity": "0"}
    )

    assert response.status_code == 400
    assert "Buy between 1 and 1000 seats" in response.content.decode()


def test_a_refund_takes_back_the_seats_nobody_holds(acme, course, client, settings):
    client.force_login(manager_of(acme))
    buy(client, acme, course, 3)
    licence = SeatLicence.objects.get()
    assign_seat(licence, person_in(acme))

    refund_order(Order.objects.get().pk)

    licence.refresh_from_db()
    assert licence.seats == 1  # the seat in use stays until it is taken back
