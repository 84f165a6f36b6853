"""Razorpay, chosen for INR in the admin, driven through the real `razorpay`
client against a local stand-in of its API: a payment link to pay on,
fulfilment once by its signed webhook (or the return page), its fee in the
ledger, refunds counted once, and a replaced order's link cancelled."""

import pytest

from learners.models import Enrollment
from payments.models import (
    CreditNote,
    CurrencyGateway,
    Earning,
    Order,
    PaymentTransaction,
    WebhookEvent,
)
from payments.services.checkout import replace_order
from payments.services.refunds import refund_order
from tests.courses.factories import build_course
from tests.learners.factories import learner
from tests.payments.fake_razorpay import (
    KEY_ID,
    KEY_SECRET,
    WEBHOOK_SECRET,
    FakeRazorpay,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def razorpay(settings):
    with FakeRazorpay(fee=236) as fake:
        settings.RAZORPAY_KEY_ID = KEY_ID
        settings.RAZORPAY_KEY_SECRET = KEY_SECRET
        settings.RAZORPAY_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.RAZORPAY_API_BASE = fake.url
        CurrencyGateway.objects.create(currency="INR", gateway="razorpay")
        yield fake


@pytest.fixture
def course(catalogue):
    return build_course(
        catalogue,
        sections=1,
        lessons_per_section=1,
        slug="dsa",
        title="Data Structures",
        pricing_type="paid",
        price=49900,
        currency="INR",
    )


@pytest.fixture
def buyer(client):
    user = learner(username="priya", email="priya@example.com")
    client.force_login(user)
    return user


def deliver(client, body, signature, event_id):
    return client.post(
        "/payments/webhooks/razorpay/",
        body,
        content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=signature,
        HTTP_X_RAZORPAY_EVENT_ID=event_id,
    )


def test_an_inr_course_is_paid_on_a_razorpay_link_and_fulfilled_once(
    client, razorpay, course, buyer
):
    response = client.post(f"/payments/checkout/{course.pk}/")

    order = Order.objects.get()
    assert order.gateway == "razorpay"
    link = razorpay.links[order.gateway_session_id]
    assert response.url == link["short_url"]
    assert (link["amount"], link["currency"]) == (49900, "INR")
    assert link["notes"] == {"order": str(order.pk)}
    assert link["customer"] == {"email": "priya@example.com"}

    event = razorpay.pay(link["id"])
    assert deliver(client, *event).status_code == 200
    assert deliver(client, *event).status_code == 200  # the same event again

    order.refresh_from_db()
    assert order.status == "paid"
    assert order.gateway_payment_id.startswith("pay_")
    assert Enrollment.objects.get(user=buyer).status == "active"
    assert PaymentTransaction.objects.filter(order=order).count() == 1
    assert WebhookEvent.objects.filter(gateway="razorpay").count() == 1
    assert Earning.objects.get(order=order).gateway_fee == 236


def test_the_return_page_fulfils_with_razorpays_own_parameters(
    client, razorpay, course, buyer
):
    client.post(f"/payments/checkout/{course.pk}/")
    link_id = Order.objects.get().gateway_session_id
    razorpay.pay(link_id)

    landed = client.get(
        "/payments/success/?session_id="
        f"&razorpay_payment_link_id={link_id}&razorpay_payment_link_status=paid"
    )

    assert landed.status_code == 302
    assert Order.objects.get().status == "paid"


def test_a_forged_signature_changes_nothing(client, razorpay, course, buyer):
    client.post(f"/payments/checkout/{course.pk}/")
    body, _signature, event_id = razorpay.pay(Order.objects.get().gateway_session_id)
    _body, forged, _id = razorpay.event("payment_link.paid", {}, secret="not-ours")

    response = deliver(client, body, forged, event_id)

    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    assert Order.objects.get().status == "pending"


def test_a_staff_refund_and_razorpays_event_about_it_count_once(
    client, razorpay, course, buyer
):
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    deliver(client, *razorpay.pay(order.gateway_session_id))
    order.refresh_from_db()

    refund_order(order.pk)
    deliver(client, *razorpay.refund_event(order.gateway_payment_id))

    order.refresh_from_db()
    assert (order.status, order.amount_refunded) == ("refunded", 49900)
    assert [r["amount"] for r in razorpay.refunds] == [49900]
    assert CreditNote.objects.count() == 1
    assert Enrollment.objects.get(user=buyer).status == "refunded"


def test_a_replaced_order_cancels_its_payment_link(client, razorpay, course, buyer):
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()

    replace_order(order, razorpay_gateway())

    assert razorpay.links[order.gateway_session_id]["status"] == "cancelled"
    assert Order.objects.get().status == "expired"


def test_the_webhook_is_a_404_where_razorpay_is_not_set_up(client, settings):
    settings.RAZORPAY_KEY_ID = ""

    response = client.post(
        "/payments/webhooks/razorpay/", "{}", content_type="application/json"
    )

    assert response.status_code == 404


def razorpay_gateway():
    from payments.gateways import get_gateway

    return get_gateway("razorpay")
