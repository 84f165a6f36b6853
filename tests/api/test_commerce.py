"""Buying through the API: the server's price, the gateway's page, the order
polled until paid, Idempotency-Key replays, and nobody else's orders."""

import pytest
from django.test import Client

from learners.api.idempotency import purge_expired
from learners.models import Enrollment, IdempotentRequest
from payments.models import Order
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


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
    LessonPageFactory(parent=SectionPageFactory(parent=course, slug="s"), slug="f")
    return course


@pytest.fixture
def buyer(client):
    user = learner(username="buyer")
    client.force_login(user)
    return user


def checkout(client, course, key=None, **extra):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        "/api/v1/checkout/",
        {"course": course.pk, **extra},
        content_type="application/json",
        headers=headers,
    )


def test_checkout_gives_the_gateway_page_and_a_pending_order(client, course, buyer):
    response = checkout(client, course)

    assert response.status_code == 201
    answer = response.json()
    order = Order.objects.get()
    assert answer["order"]["id"] == order.pk
    assert (answer["order"]["total"], answer["order"]["currency"]) == (11500, "ZAR")
    assert answer["order"]["status"] == "pending"
    assert answer["checkout_url"].endswith(
        f"/payments/test-gateway/{order.gateway_session_id}/"
    )


def test_a_price_sent_by_the_app_is_refused(client, course, buyer):
    response = checkout(client, course, total=1, price=1)

    assert response.status_code == 422 and response.json()["code"] == "invalid"
    assert not Order.objects.exists()


def test_the_app_polls_the_order_until_it_is_paid(client, course, buyer):
    answer = checkout(client, course).json()
    url = f"/api/v1/orders/{answer['order']['id']}/"
    assert client.get(url).json()["status"] == "pending"

    client.post(answer["checkout_url"], {"pay": ""})  # the learner pays

    paid = client.get(url).json()
    assert paid["status"] == "paid" and paid["paid_at"]
    assert Enrollment.objects.get(user=buyer).status == "active"


def test_the_same_idempotency_key_twice_gives_one_order(client, course, buyer):
    first = checkout(client, course, key="order-1")
    again = checkout(client, course, key="order-1")

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Order.objects.count() == 1


def test_a_key_reused_for_another_request_is_refused(client, course, buyer, catalogue):
    checkout(client, course, key="order-1")

    other = checkout(client, course, key="order-1", coupon="SPRING")

    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"


def test_a_refused_request_leaves_its_key_free(client, catalogue, buyer):
    free = CoursePageFactory(parent=catalogue, slug="free-one")

    refused = checkout(client, free, key="k")

    assert refused.status_code == 403 and "cannot be bought" in refused.json()["detail"]
    assert not IdempotentRequest.objects.exists()


def test_keys_are_kept_for_a_day(client, course, buyer):
    checkout(client, course, key="old")
    IdempotentRequest.objects.update(created_at="2020-01-01T00:00:00Z")

    assert purge_expired() == 1


def test_nobody_reads_another_learners_order(client, course, buyer):
    order_id = checkout(client, course).json()["order"]["id"]
    other = Client()
    other.force_login(learner(username="nosy"))

    response = other.get(f"/api/v1/orders/{order_id}/")

    assert response.status_code == 404 and response.json()["code"] == "not_found"
