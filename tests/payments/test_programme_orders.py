"""Buying a programme: one order at the bundle price, one invoice, an
enrolment in each course, and ledger rows that split the price between the
courses by list price and add up to what was paid, refunds included."""

import io

import pytest
from pypdf import PdfReader
from wagtail.models import Site

from home.models import TaxSettings
from learners.models import Enrollment, ProgrammeEnrollment
from payments.models import Earning, Invoice, Order, PaymentTransaction
from payments.services.checkout import fulfil_checkout
from payments.services.earnings import split
from payments.services.refunds import refund_order
from tests.courses.factories import UserFactory, build_course, build_programme
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")
    return [
        build_course(
            catalogue,
            sections=1,
            lessons_per_section=1,
            slug=slug,
            title=title,
            pricing_type="paid",
            price=price,
            currency="ZAR",
            instructor=teacher,
        )
        for slug, title, price, teacher in [
            ("sql", "SQL Basics", 10000, ana),
            ("python", "Python for Data", 20000, ben),
            ("stats", "Statistics", 30000, ana),
        ]
    ]


@pytest.fixture
def programme(catalogue, courses):
    return build_programme(
        catalogue,
        courses,
        slug="data-analyst",
        title="Data Analyst",
        pricing_type="paid",
        price=45000,
        currency="ZAR",
    )


@pytest.fixture
def buyer(client):
    user = learner(username="buyer")
    client.force_login(user)
    return user


def buy(client, programme):
    page = client.post(f"/payments/programmes/{programme.pk}/checkout/")
    assert page.status_code == 302, page.content.decode()
    return client.post(page.url, {"pay": ""}, follow=True)


def test_buying_a_programme_of_three_courses_gives_three_enrolments_one_order_one_invoice_and_a_ledger_that_adds_up(  # noqa: E501
    client, programme, courses, buyer
):
    TaxSettings.objects.create(
        site=Site.objects.get(is_default_site=True), tax_rate_basis_points=1500
    )

    landed = buy(client, programme)

    order = Order.objects.get()
    assert (order.programme, order.course, order.status) == (programme, None, "paid")
    # 450.00 ZAR with 15% VAT inside, not the 600.00 of the courses one by one.
    assert (order.list_price, order.tax, order.total) == (45000, 5870, 45000)
    assert landed.redirect_chain[-1][0] == programme.url
    assert "welcome to the programme" in landed.content.decode()
    enrolments = Enrollment.objects.filter(user=buyer).order_by("course__title")
    assert [(e.course.title, e.source, e.status) for e in enrolments] == [
        ("Python for Data", "purchase", "active"),
        ("SQL Basics", "purchase", "active"),
        ("Statistics", "purchase", "active"),
    ]
    assert ProgrammeEnrollment.objects.get(user=buyer).programme == programme
    assert Invoice.objects.count() == 1
    assert PaymentTransaction.objects.filter(order=order).count() == 1
    rows = {e.course.title: e for e in Earning.objects.filter(order=order)}
    # Split by list price, 1 : 2 : 3.
    assert {title: e.gross for title, e in rows.items()} == {
        "SQL Basics": 7500,
        "Python for Data": 15000,
        "Statistics": 22500,
    }
    assert sum(e.gross for e in rows.values()) == order.total
    assert sum(e.tax for e in rows.values()) == order.tax
    for earning in rows.values():
        assert earning.instructor_amount + earning.platform_amount == (
            earning.gross - earning.tax - earning.gateway_fee
        )
    assert rows["Python for Data"].instructor.username == "ben"
    pdf = client.get(f"/dashboard/purchases/{order.pk}/invoice/")
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "Programme: Data Analyst" in text
    assert "SQL Basics, Python for Data, Statistics" in text


def test_the_payment_reported_twice_enrols_and_books_once(client, programme, buyer):
    buy(client, programme)
    order = Order.objects.get()

    fulfil_checkout(order.gateway_session_id)
    fulfil_checkout(order.gateway_session_id)

    assert Enrollment.objects.filter(user=buyer).count() == 3
    assert Earning.objects.filter(order=order).count() == 3
    assert Invoice.objects.count() == 1


def test_a_course_bought_before_keeps_its_enrolment_and_progress(
    client, programme, courses, buyer
):
    from tests.learners.factories import enrolled

    earlier = enrolled(buyer, courses[0], Enrollment.Source.PURCHASE)

    buy(client, programme)

    assert Enrollment.objects.filter(user=buyer).count() == 3
    assert Enrollment.objects.get(user=buyer, course=courses[0]).pk == earlier.pk


def test_a_refund_closes_every_course_it_bought_and_reverses_each_share(
    client, programme, buyer
):
    buy(client, programme)
    order = Order.objects.get()

    refund_order(order.pk)

    assert set(
        Enrollment.objects.filter(user=buyer).values_list("status", flat=True)
    ) == {"refunded"}
    reversals = Earning.objects.filter(order=order, kind="reversal")
    assert reversals.count() == 3
    assert sum(e.gross for e in Earning.objects.filter(order=order)) == 0
    assert sum(e.instructor_amount for e in Earning.objects.filter(order=order)) == 0


def test_a_programme_joined_already_is_not_sold_again(client, programme, buyer):
    buy(client, programme)

    again = client.post(f"/payments/programmes/{programme.pk}/checkout/", follow=True)

    assert "already in this programme" in again.content.decode()
    assert Order.objects.count() == 1


def test_a_free_programme_cannot_be_bought(client, catalogue, buyer):
    free = build_course(catalogue, sections=1, lessons_per_section=1, slug="free")
    programme = build_programme(catalogue, [free], slug="starter", pricing_type="free")

    response = client.post(f"/payments/programmes/{programme.pk}/checkout/")

    assert response.status_code == 403
    assert not Order.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, programme):
    response = client.post(f"/payments/programmes/{programme.pk}/checkout/")

    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("amount", "weights", "parts"),
    [
        (45000, [10000, 20000, 30000], [7500, 15000, 22500]),
        (100, [1, 1, 1], [34, 33, 33]),
        (5870, [10000, 20000, 30000], [978, 1957, 2935]),
        (10, [0, 0], [5, 5]),
        (7, [3, 0, 1], [5, 0, 2]),
    ],
)
def test_a_split_adds_up_to_the_amount_to_the_minor_unit(amount, weights, parts):
    assert split(amount, weights) == parts
    assert sum(split(amount, weights)) == amount


def test_a_subscriber_joins_a_subscription_programme_and_others_see_the_plans(
    client, catalogue
):
    from datetime import timedelta

    from django.utils import timezone

    from payments.models import Subscription
    from tests.payments.factories import PlanFactory, subscription_course

    free = build_course(catalogue, sections=1, lessons_per_section=1, slug="intro")
    included = subscription_course(catalogue, "deep-dive")
    programme = build_programme(
        catalogue, [free, included], slug="path", pricing_type="subscription"
    )
    outsider = learner(username="outsider")
    client.force_login(outsider)

    refused = client.post(f"/payments/programmes/{programme.pk}/subscribe/")

    assert refused.status_code == 302 and refused.url == "/payments/plans/"
    assert not Enrollment.objects.exists()

    member = learner(username="member")
    Subscription.objects.create(
        user=member,
        plan=PlanFactory(),
        gateway="offline",
        gateway_subscription_id="sub_member",
        status="active",
        current_period_end=timezone.now() + timedelta(days=30),
    )
    client.force_login(member)

    joined = client.post(f"/payments/programmes/{programme.pk}/subscribe/")

    assert joined.status_code == 302 and joined.url == programme.url
    assert sorted(
        Enrollment.objects.filter(user=member).values_list("course__slug", "source")
    ) == [("deep-dive", "subscription"), ("intro", "free")]
