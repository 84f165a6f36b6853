"""Subscriptions: subscribing opens the included courses; the gateway's
events keep the state; cancelling keeps access to the period's end."""

import time

import pytest

from learners.access import lesson_access
from learners.models import Enrollment
from payments.models import Subscription
from tests.learners.factories import learner
from tests.payments.factories import (
    PlanFactory,
    event,
    post_event,
    subscription_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = learner(username="member")
    client.force_login(user)
    return user


@pytest.fixture
def course(catalogue):
    return subscription_course(catalogue, "library")


def test_without_a_subscription_the_course_sends_you_to_the_plans(
    client, course, member
):
    PlanFactory()

    response = client.post(f"/payments/subscription/enrol/{course.pk}/")

    assert response.status_code == 302 and response.url == "/payments/plans/"
    assert not Enrollment.objects.exists()
    plans = client.get("/payments/plans/").content.decode()
    assert "Monthly" in plans and "Library" in plans


def test_subscribing_on_the_test_gateway_opens_included_courses(client, course, member):
    plan = PlanFactory()
    checkout = client.post(f"/payments/subscribe/{plan.pk}/")
    paid = client.post(checkout.url, {"pay": ""})
    landing = client.get(paid.url)

    enrol = client.post(f"/payments/subscription/enrol/{course.pk}/")

    assert landing.status_code == 302
    assert Subscription.objects.get(user=member).gives_access
    assert enrol.url == course.syllabus.first_lesson.url
    assert lesson_access(member, course.syllabus.first_lesson).allowed


def test_cancelling_keeps_access_to_the_period_end_and_can_be_undone(
    client, course, member
):
    plan = PlanFactory()
    client.post(client.post(f"/payments/subscribe/{plan.pk}/").url, {"pay": ""})

    client.post("/dashboard/subscription/", {"action": "cancel"})
    subscription = Subscription.objects.get()
    page = client.get("/dashboard/subscription/").content.decode()

    assert subscription.cancel_at_period_end and subscription.gives_access
    assert "Access ends" in page and "Keep my subscription" in page
    client.post("/dashboard/subscription/", {"action": "resume"})
    subscription.refresh_from_db()
    assert not subscription.cancel_at_period_end


def stripe_subscriber(client, fake_stripe, course):
    fake_stripe.prices["price_monthly"] = 1500
    plan = PlanFactory()
    checkout = client.post(f"/payments/subscribe/{plan.pk}/")
    session_id = checkout.url.rsplit("/", 1)[-1]
    session = fake_stripe.pay(session_id)
    post_event(client, event("checkout.session.completed", session))
    client.post(f"/payments/subscription/enrol/{course.pk}/")
    return fake_stripe.subscriptions[session["subscription"]]


def test_stripe_checkout_in_subscription_mode_gives_access(
    client, course, member, fake_stripe
):
    stripe_subscriber(client, fake_stripe, course)

    session = next(iter(fake_stripe.sessions.values()))
    assert session["mode"] == "subscription"
    assert session["metadata"]["user_id"] == str(member.pk)
    assert Subscription.objects.get().plan_id == int(session["metadata"]["plan_id"])
    assert Enrollment.objects.get(user=member).status == "active"


def test_a_failed_renewal_closes_included_courses_until_paid(
    client, course, member, fake_stripe
):
    subscription = stripe_subscriber(client, fake_stripe, course)
    invoice = {"id": "in_1", "object": "invoice", "subscription": subscription["id"]}

    fake_stripe.set_subscription(subscription["id"], status="past_due")
    post_event(client, event("invoice.payment_failed", invoice))
    closed = Enrollment.objects.get(user=member).status

    fake_stripe.set_subscription(subscription["id"], status="active")
    # Newer API versions name the subscription under the invoice's parent.
    renewed = {
        "id": "in_2",
        "object": "invoice",
        "parent": {"subscription_details": {"subscription": subscription["id"]}},
    }
    post_event(client, event("invoice.paid", renewed))

    assert closed == "expired"
    assert Enrollment.objects.get(user=member).status == "active"


def test_a_deleted_subscription_ends_access_even_if_events_arrive_out_of_order(
    client, course, member, fake_stripe
):
    subscription = stripe_subscriber(client, fake_stripe, course)
    stale = dict(subscription)
    fake_stripe.set_subscription(subscription["id"], status="canceled")

    post_event(client, event("customer.subscription.deleted", subscription, "evt_d"))
    # An older "updated" event arrives late; the state is re-read from Stripe.
    post_event(client, event("customer.subscription.updated", stale, "evt_u"))

    assert Subscription.objects.get().status == "canceled"
    assert Enrollment.objects.get(user=member).status == "expired"
    assert not lesson_access(member, course.syllabus.first_lesson).allowed


def test_cancel_at_period_end_is_sent_to_stripe(client, course, member, fake_stripe):
    subscription = stripe_subscriber(client, fake_stripe, course)

    client.post("/dashboard/subscription/", {"action": "cancel"})

    assert fake_stripe.subscriptions[subscription["id"]]["cancel_at_period_end"]
    assert Subscription.objects.get().cancel_at_period_end


def test_a_period_that_ran_out_unannounced_closes_access(
    client, course, member, fake_stripe
):
    from payments.services.open_orders import resync_lapsed_subscriptions

    subscription = stripe_subscriber(client, fake_stripe, course)
    ended = int(time.time()) - 60
    fake_stripe.set_subscription(
        subscription["id"],
        status="canceled",
        items={"object": "list", "data": [{"current_period_end": ended}]},
    )
    Subscription.objects.update(current_period_end="2020-01-01T00:00:00Z")

    resync_lapsed_subscriptions()

    assert Enrollment.objects.get(user=member).status == "expired"
