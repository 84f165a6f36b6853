"""The Stripe path: the real `stripe` library against a local fake of the
endpoints used, and webhooks signed with the library's own signer."""

import time

import pytest

from payments.models import (
    Earning,
    Order,
    PaymentTransaction,
    StripeCustomer,
    WebhookEvent,
)
from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.payments.factories import event, paid_course, post_event, stripe_signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client):
    user = learner(username="stripe-buyer")
    client.force_login(user)
    return user


def completed_event(session):
    return event("checkout.session.completed", session)


def test_checkout_creates_a_session_and_one_customer_per_learner(
    client, catalogue, fake_stripe, buyer
):
    first = paid_course(catalogue, "alpha", 4900)
    second = paid_course(catalogue, "beta", 2500)

    response = client.post(f"/payments/checkout/{first.pk}/")
    client.post(f"/payments/checkout/{second.pk}/")

    order = Order.objects.get(course=first)
    session = fake_stripe.sessions[order.gateway_session_id]
    assert response.url == session["url"]
    assert (session["amount_total"], session["currency"]) == (4900, "usd")
    assert session["client_reference_id"] == str(order.pk)
    assert "{CHECKOUT_SESSION_ID}" in session["success_url"]
    assert len(fake_stripe.customers) == 1
    assert StripeCustomer.objects.get(user=buyer).customer_id == "cus_1"


def test_a_signed_completed_event_fulfils_the_order(
    client, catalogue, fake_stripe, buyer
):
    course = paid_course(catalogue, "gamma", 4900)
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    fake_stripe.pay(order.gateway_session_id)
    payload = completed_event(fake_stripe.sessions[order.gateway_session_id])

    response = client.post(
        "/payments/webhooks/stripe/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signed(payload),
    )

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "paid"
    assert PaymentTransaction.objects.filter(order=order).count() == 1


def test_the_success_page_fulfils_without_waiting_for_the_webhook(
    client, catalogue, fake_stripe, buyer
):
    course = paid_course(catalogue, "delta", 4900)
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()

    unpaid = client.get("/payments/success/", {"session_id": order.gateway_session_id})
    fake_stripe.pay(order.gateway_session_id)
    paid = client.get("/payments/success/", {"session_id": order.gateway_session_id})

    assert unpaid.status_code == 202
    assert paid.status_code == 302 and paid.url == "/courses/delta/s/l1/"
    order.refresh_from_db()
    assert order.status == "paid"


def test_a_session_paid_for_another_amount_is_not_fulfilled(
    client, catalogue, fake_stripe, buyer
):
    course = paid_course(catalogue, "epsilon", 4900)
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    fake_stripe.pay(order.gateway_session_id)
    fake_stripe.sessions[order.gateway_session_id]["amount_total"] = 100

    client.get("/payments/success/", {"session_id": order.gateway_session_id})

    order.refresh_from_db()
    assert order.status == "pending"
    assert not PaymentTransaction.objects.exists()


@pytest.mark.parametrize(
    "forge",
    [
        lambda payload: (payload, stripe_signed(payload, "whsec_wrong")),
        lambda payload: (
            payload,
            stripe_signed(payload, timestamp=time.time() - 3600),
        ),
        lambda payload: (
            payload.replace('"amount_total": 4900', '"amount_total": 1'),
            stripe_signed(payload),
        ),
    ],
    ids=["wrong-secret", "stale-timestamp", "tampered-body"],
)
def test_a_forged_stripe_event_is_refused_and_changes_nothing(
    client, catalogue, fake_stripe, buyer, forge
):
    course = paid_course(catalogue, "forged", 4900)
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    fake_stripe.pay(order.gateway_session_id)
    payload, signature = forge(
        completed_event(fake_stripe.sessions[order.gateway_session_id])
    )

    response = client.post(
        "/payments/webhooks/stripe/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == "pending"
    assert not WebhookEvent.objects.exists()


def test_an_event_that_arrives_while_stripe_is_unreachable_is_handled_on_retry(
    client, catalogue, fake_stripe, buyer, settings
):
    course = paid_course(catalogue, "outage", 4900)
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    payload = completed_event(fake_stripe.pay(order.gateway_session_id))
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens here

    during = post_event(client, payload)
    settings.STRIPE_API_BASE = fake_stripe.url
    retry = post_event(client, payload)

    assert (during.status_code, retry.status_code) == (503, 200)
    order.refresh_from_db()
    assert order.status == "paid"
    assert WebhookEvent.objects.count() == 1


def test_an_event_for_the_wrong_amount_is_kept_with_its_refusal(
    client, catalogue, fake_stripe, buyer
):
    course = paid_course(catalogue, "mismatch", 4900)
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    session = fake_stripe.pay(order.gateway_session_id)
    session["amount_total"] = 100

    response = post_event(client, completed_event(session))

    assert response.status_code == 200
    assert WebhookEvent.objects.get().refusal == (
        "The amount paid does not match the order."
    )
    order.refresh_from_db()
    assert order.status == "pending"


def test_a_new_coupon_expires_the_old_stripe_checkout(
    client, catalogue, fake_stripe, buyer
):
    from tests.payments.factories import CouponFactory

    course = paid_course(catalogue, "switch", 4900)
    CouponFactory(code="TEN", percent_off=10)
    client.post(f"/payments/checkout/{course.pk}/")
    client.post(f"/payments/checkout/{course.pk}/", {"coupon": "TEN"})

    old, new = Order.objects.order_by("pk")
    assert fake_stripe.sessions[old.gateway_session_id]["status"] == "expired"
    assert fake_stripe.sessions[new.gateway_session_id]["amount_total"] == 4410


def sell_on_stripe(client, course, fake_stripe, fee=None):
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get(course=course)
    session = fake_stripe.pay(order.gateway_session_id)
    if fee:
        fake_stripe.fees[session["payment_intent"]] = fee
    post_event(client, completed_event(session))
    return Earning.objects.get(order=order)


def test_earnings_are_net_of_the_fee_stripe_took(client, catalogue, fake_stripe, buyer):
    teacher = UserFactory(username="paid-teacher")
    course = paid_course(catalogue, "fees", 10000, instructor=teacher)

    earning = sell_on_stripe(client, course, fake_stripe)

    # Stripe's 2.9% + 30: 320 of 100.00 goes to Stripe; 70% of the rest to the
    # instructor, rounded down.
    assert earning.gateway_fee == 320
    assert earning.instructor_amount == (10000 - 320) * 7000 // 10000
    assert earning.instructor_amount + earning.platform_amount == 10000 - 320


def test_a_fee_settled_in_another_currency_is_taken_back_at_stripes_rate(
    client, catalogue, fake_stripe, buyer
):
    course = paid_course(catalogue, "abroad", 10000)

    # 1 USD settled as 18.50 ZAR; Stripe kept 59.20 ZAR, which is 3.20 USD.
    earning = sell_on_stripe(client, course, fake_stripe, fee=(5920, "zar", 18.5))

    assert earning.gateway_fee == 320


def test_the_offline_gateway_keeps_no_fee(client, catalogue, buyer):
    course = paid_course(catalogue, "offline-fees", 10000)

    client.post(client.post(f"/payments/checkout/{course.pk}/").url, {"pay": ""})

    assert Earning.objects.get().gateway_fee == 0


def test_stripe_out_of_reach_at_checkout_is_a_clear_refusal_and_no_open_order(
    client, catalogue, fake_stripe, settings, buyer
):
    import socket

    course = paid_course(catalogue, "delta", 4900)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{probe.getsockname()[1]}"

    response = client.post(f"/payments/checkout/{course.pk}/")

    assert response.status_code == 503
    assert "could not be reached" in response.content.decode()
    assert not Order.objects.filter(status="pending").exists()
