"""Invoices: one per paid order, numbered without gaps per year, as a PDF."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from home.models import TaxSettings
from payments.models import CreditNote, DocumentCounter, Invoice
from payments.services.refunds import refund_order
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
    assert DocumentCounter.objects.get(series="INV", year=year).last_number == 2


def test_a_new_year_starts_at_one(client, courses):
    year = timezone.now().year
    DocumentCounter.objects.create(series="INV", year=year - 1, last_number=517)
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


def pdf_text(response):
    return PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_a_refund_issues_a_credit_note_that_refers_to_the_invoice(
    client, courses, site
):
    TaxSettings.objects.create(
        site=site.home.get_site(),
        tax_rate_basis_points=1500,
        seller_name="Coursewright Learning (Pty) Ltd",
        seller_address="12 Long Street\nCape Town 8001",
        seller_tax_number="4123456789",
    )
    client.force_login(learner(username="refunded"))
    buy_and_pay(client, courses[0])
    buy_and_pay(client, courses[1])
    first, second = Invoice.objects.order_by("sequence")

    refund_order(first.order_id)
    refund_order(second.order_id)

    year = timezone.now().year
    notes = list(CreditNote.objects.order_by("sequence"))
    assert [n.number for n in notes] == [f"CN-{year}-000001", f"CN-{year}-000002"]
    assert [n.invoice for n in notes] == [first, second]
    # 49.00 with 15% VAT included: 6.39 of it is tax, refunded in full.
    assert (notes[0].amount, notes[0].tax) == (4900, 639)
    listing = client.get("/dashboard/purchases/").content.decode()
    assert notes[0].number in listing
    text = pdf_text(client.get(f"/dashboard/purchases/credit-notes/{notes[0].pk}/"))
    assert notes[0].number in text and first.number in text and "-$49.00" in text
    assert "Coursewright Learning (Pty) Ltd" in text and "4123456789" in text
    invoice_text = pdf_text(
        client.get(f"/dashboard/purchases/{first.order_id}/invoice/")
    )
    assert notes[0].number in invoice_text and "Cape Town 8001" in invoice_text


def test_invoices_carry_a_document_title(client, courses):
    client.force_login(learner(username="titled"))
    buy_and_pay(client, courses[0])
    invoice = Invoice.objects.get()

    response = client.get(f"/dashboard/purchases/{invoice.order_id}/invoice/")

    assert PdfReader(io.BytesIO(response.content)).metadata.title == (
        f"Invoice {invoice.number}"
    )


def test_another_learners_credit_note_is_not_found(client, courses):
    client.force_login(learner(username="owner"))
    buy_and_pay(client, courses[0])
    refund_order(Invoice.objects.get().order_id)
    client.force_login(learner(username="snoop"))

    response = client.get(
        f"/dashboard/purchases/credit-notes/{CreditNote.objects.get().pk}/"
    )

    assert response.status_code == 404
