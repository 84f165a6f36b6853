"""Certificates and orders through the API: the caller's own, their PDFs,
the public verification, and nobody else's (404)."""

import io

import pytest
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from learners import services
from learners.models import Certificate
from learners.services.certificates import revoke_certificate
from payments.models import Order
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def pdf_text(response):
    content = (
        b"".join(response.streaming_content)
        if response.streaming
        else (response.content)
    )
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="trees", title="Planting Trees")
    LessonPageFactory(parent=SectionPageFactory(parent=course, slug="s"), slug="soil")
    return course


@pytest.fixture
def graduate(course):
    user = learner(username="grad", first_name="Amina", last_name="Diallo")
    enrolled(user, course)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for lesson in course.syllabus.lessons:
            services.complete_lesson(user, lesson)
    return user


def test_a_learner_lists_their_certificates_and_downloads_the_pdf(
    client, course, graduate
):
    client.force_login(graduate)

    page = client.get("/api/v1/me/certificates/").json()

    (item,) = page["items"]
    certificate = Certificate.objects.get()
    assert (page["count"], item["id"], item["course_id"]) == (
        1,
        certificate.pk,
        course.pk,
    )
    assert item["valid"] and item["course_title"] == "Planting Trees"
    assert item["verify_url"].endswith(
        f"/certificates/verify/{certificate.verification_code}/"
    )
    pdf = client.get(item["pdf_url"])
    assert pdf.status_code == 200
    text = pdf_text(pdf)
    assert "Amina Diallo" in text and certificate.verification_code in text


def test_nobody_reads_or_downloads_another_learners_certificate(
    client, course, graduate
):
    certificate = Certificate.objects.get()
    client.force_login(learner(username="snoop"))

    assert client.get("/api/v1/me/certificates/").json()["count"] == 0
    refused = client.get(f"/api/v1/me/certificates/{certificate.pk}/pdf/")
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"


def test_verification_answers_as_the_page_does(course, graduate):
    certificate = Certificate.objects.get()
    anyone = Client()
    url = f"/api/v1/certificates/verify/{certificate.verification_code.lower()}/"

    valid = anyone.get(url).json()
    assert valid["status"] == "valid" and valid["learner_name"] == "Amina Diallo"
    assert graduate.email not in str(valid)

    revoke_certificate(certificate, "Issued by mistake")
    revoked = anyone.get(url).json()
    assert revoked["status"] == "revoked" and revoked["learner_name"] is None
    assert (
        anyone.get(f"/api/v1/me/certificates/{certificate.pk}/pdf/").status_code == 401
    )
    unknown = anyone.get("/api/v1/certificates/verify/AAAA-BBBB-CCCC/")
    assert unknown.status_code == 404


@pytest.mark.usefixtures("still_clock")
def test_verification_look_ups_share_the_pages_limit(course, graduate):
    code = Certificate.objects.get().verification_code
    anyone = Client()
    for _ in range(30):
        anyone.get(f"/certificates/verify/{code}/")

    refused = anyone.get(f"/api/v1/certificates/verify/{code}/")

    assert refused.status_code == 429 and refused["Retry-After"] == "60"


@pytest.fixture
def paid_course(catalogue):
    course = CoursePageFactory(
        parent=catalogue,
        slug="excel",
        title="Excel Pro",
        pricing_type="paid",
        price=11500,
        currency="ZAR",
    )
    LessonPageFactory(parent=SectionPageFactory(parent=course, slug="s"), slug="f")
    return course


def buy(client, course):
    answer = client.post(
        "/api/v1/checkout/", {"course": course.pk}, content_type="application/json"
    ).json()
    client.post(answer["checkout_url"], {"pay": ""})
    return answer["order"]["id"]


def test_a_learner_lists_their_orders_and_downloads_the_invoice(client, paid_course):
    buyer = learner(username="buyer")
    client.force_login(buyer)
    order_id = buy(client, paid_course)

    page = client.get("/api/v1/orders/").json()
    paid_only = client.get("/api/v1/orders/?status=pending").json()

    (item,) = page["items"]
    assert (item["id"], item["status"], item["total"]) == (order_id, "paid", 11500)
    assert paid_only["count"] == 0
    invoice = client.get(item["invoice_url"])
    assert invoice.status_code == 200 and invoice["Content-Type"] == "application/pdf"
    assert "Excel Pro" in pdf_text(invoice)


def test_nobody_lists_or_downloads_another_learners_orders(client, paid_course):
    client.force_login(learner(username="buyer"))
    order_id = buy(client, paid_course)
    client.force_login(learner(username="snoop"))

    assert client.get("/api/v1/orders/").json()["count"] == 0
    assert client.get(f"/api/v1/orders/{order_id}/invoice/").status_code == 404
    assert Order.objects.count() == 1


def test_a_pending_order_has_no_invoice(client, paid_course):
    client.force_login(learner(username="buyer"))
    answer = client.post(
        "/api/v1/checkout/", {"course": paid_course.pk}, content_type="application/json"
    ).json()

    order = client.get(f"/api/v1/orders/{answer['order']['id']}/").json()

    assert order["invoice_url"] is None
    refused = client.get(f"/api/v1/orders/{order['id']}/invoice/")
    assert refused.status_code == 404


def test_the_order_list_costs_the_same_for_one_order_or_many(client, catalogue):
    buyer = learner(username="collector")
    client.force_login(buyer)
    courses = [
        CoursePageFactory(
            parent=catalogue,
            slug=f"paid-{n}",
            pricing_type="paid",
            price=1000,
            currency="EUR",
        )
        for n in range(6)
    ]

    def queries_after_buying(these):
        for course in these:
            LessonPageFactory(parent=SectionPageFactory(parent=course), slug="l")
            buy(client, course)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/orders/?page_size=100").status_code == 200
        return len(queries)

    assert queries_after_buying(courses[:1]) == queries_after_buying(courses[1:])
