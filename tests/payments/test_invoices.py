"""Invoices: one per paid order, numbered without gaps per year, as a PDF."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from payments.models import Invoice, InvoiceCounter
from tests.learners.factories import learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    return [paid_course(catalogue, f"course-{n}", 4900) for n in range(3)]


def buy_and_pay(client, course):
    client.post(client.post(f"/payments/checkout/{course.pk}/").url, {"pay": ""})


def test_paid_orders_get_consecutive_numbers_and_failed_ones_none(client, courses):
    client.force_login(learner(username="invoiced"))
    buy_and_pay(client, courses[0])
    client.post(
        client.post(f"/payments/checkout/{courses[1].pk}/").url, {"decline": ""}
    )
    buy_and_pay(client, courses[2])

    year = timezone.now().year
    numbers = list(
        Invoice.objects.order_by("sequence").values_list("number", flat=True)
    )
    assert numbers == [f"INV-{year}-000001", f"INV-{year}-000002"]
    assert InvoiceCounter.objects.get(year=year).last_number == 2


def test_a_new_year_starts_at_one(client, courses):
    year = timezone.now().year
    InvoiceCounter.objects.create(year=year - 1, last_number=517)
    client.force_login(learner(username="new-year"))

    buy_and_pay(client, courses[0])

    assert Invoice.objects.get().number == f"INV-{year}-000001"


def test_the_invoice_pdf_is_listed_and_reads_back(client, courses):
    user = learner(username="pdf-reader", first_name="Thandi", last_name="Mokoena")
    client.force_login(user)
    buy_and_pay(client, courses[0])
    invoice = Invoice.objects.get()

    listing = client.get("/dashboard/purchases/").content.decode()
    response = client.get(f"/dashboard/purchases/{invoice.order_id}/invoice/")

    assert invoice.number in listing
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert invoice.number in text
    assert "Thandi Mokoena" in text and "Course-0" in text and "49.00" in text


def test_another_learners_invoice_is_not_found(client, courses):
    client.force_login(learner(username="owner"))
    buy_and_pay(client, courses[0])
    client.force_login(learner(username="snoop"))

    response = client.get(
        f"/dashboard/purchases/{Invoice.objects.get().order_id}/invoice/"
    )

    assert response.status_code == 404
