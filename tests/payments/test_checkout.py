"""Buying a course on the offline test gateway: server prices, signed webhooks,
fulfilment once, and no access without payment."""

import json
import time

import pytest
from wagtail.models import Site

from home.models import TaxSettings
from learners.access import lesson_access
from learners.models import Enrollment
from payments.gateways import get_gateway, sign
from payments.models import (
    OfflineCheckoutSession,
    Order,
    PaymentTransaction,
    WebhookEvent,
)
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

SECRET = "whsec_offline_test_gateway"


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(
        parent=catalogue,
        slug="excel",
        title="Excel Pro",
        pricing_type="paid",
        price=11500,
        currency="ZAR",
    )
    LessonPageFactory(
        parent=SectionPageFactory(parent=course, slug="s"), slug="formulas"
    )
    return course


@pytest.fixture
def buyer(client):
    user = learner(username="buyer")
    client.force_login(user)
    return user


def buy(client, course, **extra):
    return client.post(f"/payments/checkout/{course.pk}/", extra)


def test_checkout_uses_the_server_price_and_holds_no_access(client, course, buyer):
    TaxSettings.objects.create(
        site=Site.objects.get(is_default_site=True), tax_rate_basis_points=1500
    )

    response = buy(client, course, total="1", price="1", amount="1")

    order = Order.objects.get()
    assert (
        response.status_code == 302
        and response.url == f"/payments/test-gateway/{order.gateway_session_id}/"
    )
    assert (order.total, order.tax, order.currency, order.status) == (
        11500,
        1500,
        "ZAR",
        "pending",
    )
    assert Enrollment.objects.get(user=buyer).status == "pending"
    assert not lesson_access(buyer, course.syllabus.lessons[0]).allowed


def test_a_second_click_reuses_the_open_order(client, course, buyer):
    first = buy(client, course)
    second = buy(client, course)

    assert first.url == second.url
    assert Order.objects.count() == 1


def test_paying_enrols_and_lands_in_the_course(client, course, buyer):
    page = buy(client, course).url

    response = client.post(page, {"pay": ""}, follow=True)

    order = Order.objects.get()
    assert order.status == "paid"
    assert PaymentTransaction.objects.filter(order=order).count() == 1
    assert Enrollment.objects.get(user=buyer).status == "active"
    assert response.redirect_chain[-1][0] == "/courses/excel/s/formulas/"
    assert "Payment received" in response.content.decode()


def test_a_declined_card_gives_no_access_and_a_retry_works(client, course, buyer):
    page = buy(client, course).url

    response = client.post(page, {"decline": ""}, follow=True)

    assert "Your card was declined" in response.content.decode()
    assert Order.objects.get().status == "failed"
    assert not Enrollment.objects.filter(user=buyer).exists()
    retry = client.post(buy(client, course).url, {"pay": ""})
    assert retry.status_code == 302
    assert Order.objects.filter(status="paid").count() == 1


def test_an_enrolled_learner_is_sent_to_the_course(client, course, buyer):
    enrolled(buyer, course, Enrollment.Source.PURCHASE)

    response = buy(client, course)

    assert response.url == "/courses/excel/"
    assert not Order.objects.exists()


def test_a_free_course_cannot_be_bought(client, catalogue, buyer):
    free = CoursePageFactory(parent=catalogue, slug="free")

    assert buy(client, free).status_code == 403
    assert not Order.objects.exists()


def paid_event(client, course):
    buy(client, course)
    session = OfflineCheckoutSession.objects.get()
    session.status = OfflineCheckoutSession.Status.COMPLETE
    session.save()
    return get_gateway().event_for(session)[0]


@pytest.mark.parametrize(
    "forge",
    [
        lambda payload: (payload, sign(payload, "whsec_wrong")),
        lambda payload: (payload, sign(payload, SECRET, timestamp=time.time() - 3600)),
        lambda payload: (
            payload.replace('"amount_total": 11500', '"amount_total": 1'),
            sign(payload, SECRET),
        ),
    ],
    ids=["wrong-secret", "stale-timestamp", "tampered-body"],
)
def test_a_bad_webhook_is_refused_and_changes_nothing(client, course, buyer, forge):
    payload, signature = forge(paid_event(client, course))

    response = client.post(
        "/payments/webhooks/stripe/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )

    assert response.status_code == 400
    assert Order.objects.get().status == "pending"
    assert not WebhookEvent.objects.exists()


def test_the_same_event_ten_times_fulfils_once(client, course, buyer):
    payload = paid_event(client, course)
    signature = sign(payload, SECRET)

    statuses = [
        client.post(
            "/payments/webhooks/stripe/",
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        ).status_code
        for _ in range(10)
    ]

    assert set(statuses) == {200}
    assert WebhookEvent.objects.count() == 1
    assert PaymentTransaction.objects.count() == 1
    assert Order.objects.get().status == "paid"
    assert json.loads(payload)["type"] == "checkout.session.completed"


def test_purchases_lists_my_orders_only(client, course, buyer):
    client.post(buy(client, course).url, {"pay": ""})
    other = learner(username="someone")
    client.force_login(other)
    assert "Excel Pro" not in client.get("/dashboard/purchases/").content.decode()

    client.force_login(buyer)
    html = client.get("/dashboard/purchases/").content.decode()

    assert (
        "Excel Pro" in html
        and "R115.00" in html.replace("ZAR", "R")
        or "115.00" in html
    )
    assert "Paid" in html


def test_buying_again_after_the_checkout_lapsed_opens_a_fresh_one(
    client, course, buyer
):
    first = buy(client, course)
    OfflineCheckoutSession.objects.update(status=OfflineCheckoutSession.Status.EXPIRED)

    second = buy(client, course)

    assert second.url != first.url
    assert list(Order.objects.order_by("pk").values_list("status", flat=True)) == [
        "expired",
        "pending",
    ]
    assert Enrollment.objects.get(user=buyer).status == "pending"


def test_buying_again_after_paying_goes_to_the_course_not_a_new_order(
    client, course, buyer
):
    buy(client, course)
    OfflineCheckoutSession.objects.update(status=OfflineCheckoutSession.Status.COMPLETE)

    response = client.post(f"/payments/checkout/{course.pk}/", follow=True)

    assert Order.objects.get().status == "paid"
    assert response.redirect_chain[-1][0] == "/courses/excel/s/formulas/"


def test_a_payment_that_settles_after_the_course_was_unpublished_is_kept(
    client, course, buyer
):
    checkout = buy(client, course)
    course.unpublish()

    client.post(checkout.url, {"pay": ""})

    assert Order.objects.get().status == "paid"
    assert Enrollment.objects.get(user=buyer).status == "active"
