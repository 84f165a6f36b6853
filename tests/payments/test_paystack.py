"""Paystack, chosen for a currency in the admin, driven through the real
`pypaystack2` client against a local stand-in of its API: the checkout on
Paystack's page, fulfilment once by its signed webhook (or the return
page), its fee in the ledger, refunds counted once, and clear refusals."""

import json
import socket

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
from payments.services.refunds import refund_order
from tests.courses.factories import build_course
from tests.learners.factories import learner
from tests.payments.fake_paystack import SECRET, FakePaystack

pytestmark = pytest.mark.django_db


@pytest.fixture
def paystack(settings):
    with FakePaystack(fee=350) as fake:
        settings.PAYSTACK_SECRET_KEY = SECRET
        settings.PAYSTACK_API_BASE = fake.url
        CurrencyGateway.objects.create(currency="ZAR", gateway="paystack")
        yield fake


@pytest.fixture
def course(catalogue):
    return build_course(
        catalogue,
        sections=1,
        lessons_per_section=1,
        slug="excel",
        title="Excel Pro",
        pricing_type="paid",
        price=11500,
        currency="ZAR",
    )


@pytest.fixture
def buyer(client):
    user = learner(username="thandi", email="thandi@example.com")
    client.force_login(user)
    return user


def checkout(client, course):
    response = client.post(f"/payments/checkout/{course.pk}/")
    assert response.status_code == 302, response.content.decode()
    return response


def deliver(client, payload, signature):
    return client.post(
        "/payments/webhooks/paystack/",
        payload,
        content_type="application/json",
        HTTP_X_PAYSTACK_SIGNATURE=signature,
    )


def test_a_zar_course_is_paid_on_paystack_and_fulfilled_once_by_its_webhook(
    client, paystack, course, buyer
):
    response = checkout(client, course)

    order = Order.objects.get()
    assert order.gateway == "paystack"
    reference = order.gateway_session_id
    assert response.url == f"{paystack.url}/pay/{reference}"
    sent = paystack.transactions[reference]
    assert (sent["amount"], sent["currency"]) == (11500, "ZAR")
    assert sent["customer"]["email"] == "thandi@example.com"
    assert sent["callback_url"].endswith(f"/payments/success/?session_id={reference}")
    assert not Enrollment.objects.with_access().exists()

    payload, signature = paystack.pay(reference)
    assert deliver(client, payload, signature).status_code == 200
    assert deliver(client, payload, signature).status_code == 200  # a resend

    order.refresh_from_db()
    assert (order.status, order.gateway_payment_id) == ("paid", reference)
    assert Enrollment.objects.get(user=buyer).status == "active"
    assert PaymentTransaction.objects.filter(order=order).count() == 1
    assert WebhookEvent.objects.filter(gateway="paystack").count() == 1
    (sale,) = Earning.objects.filter(order=order)
    assert sale.gateway_fee == 350


def test_the_return_page_fulfils_before_the_webhook_arrives(
    client, paystack, course, buyer
):
    checkout(client, course)
    reference = Order.objects.get().gateway_session_id
    paystack.pay(reference)

    landed = client.get(f"/payments/success/?session_id={reference}&trxref={reference}")

    assert landed.status_code == 302
    assert Order.objects.get().status == "paid"


def test_a_forged_signature_changes_nothing(client, paystack, course, buyer):
    checkout(client, course)
    reference = Order.objects.get().gateway_session_id
    payload, _signature = paystack.pay(reference)
    _payload, forged = paystack.event("charge.success", {}, secret="sk_not_ours")

    response = deliver(client, payload, forged)

    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    assert Order.objects.get().status == "pending"


def test_a_payment_of_another_amount_is_not_fulfilled(client, paystack, course, buyer):
    checkout(client, course)
    reference = Order.objects.get().gateway_session_id

    deliver(client, *paystack.pay(reference, amount=100))

    assert Order.objects.get().status == "pending"
    assert "does not match" in WebhookEvent.objects.get().refusal
    assert not Enrollment.objects.with_access().exists()


def test_a_staff_refund_and_paystacks_event_about_it_count_once(
    client, paystack, course, buyer
):
    checkout(client, course)
    order = Order.objects.get()
    deliver(client, *paystack.pay(order.gateway_session_id))

    refund_order(order.pk)
    deliver(client, *paystack.refund_event(order.gateway_session_id))

    order.refresh_from_db()
    assert (order.status, order.amount_refunded) == ("refunded", 11500)
    assert [r["amount"] for r in paystack.refunds] == [11500]
    assert CreditNote.objects.count() == 1
    assert Enrollment.objects.get(user=buyer).status == "refunded"


def test_a_refund_made_on_paystacks_dashboard_is_recorded(
    client, paystack, course, buyer
):
    checkout(client, course)
    order = Order.objects.get()
    reference = order.gateway_session_id
    deliver(client, *paystack.pay(reference))
    status, _body = paystack.post("/refund", {"transaction": reference, "amount": 5000})
    assert status == 200

    deliver(client, *paystack.refund_event(reference))

    order.refresh_from_db()
    assert (order.status, order.amount_refunded) == ("paid", 5000)


def test_other_currencies_stay_with_the_main_gateway(
    client, paystack, catalogue, buyer
):
    usd = build_course(
        catalogue,
        sections=1,
        lessons_per_section=1,
        slug="usd",
        pricing_type="paid",
        price=900,
        currency="USD",
    )

    response = checkout(client, usd)

    assert Order.objects.get().gateway == "offline"
    assert response.url.startswith("/payments/test-gateway/")
    assert paystack.transactions == {}


def test_a_chosen_gateway_without_its_key_leaves_the_currency_to_the_main_one(
    client, settings, course, buyer
):
    CurrencyGateway.objects.create(currency="ZAR", gateway="paystack")
    settings.PAYSTACK_SECRET_KEY = ""

    checkout(client, course)

    assert Order.objects.get().gateway == "offline"


def test_paystack_out_of_reach_is_a_clear_refusal_and_no_open_order(
    client, paystack, settings, course, buyer
):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        settings.PAYSTACK_API_BASE = f"http://127.0.0.1:{probe.getsockname()[1]}"

    response = client.post(f"/payments/checkout/{course.pk}/")

    assert response.status_code == 503
    assert "could not be reached" in response.content.decode()
    assert not Order.objects.filter(status="pending").exists()


def test_the_webhook_is_a_404_where_paystack_is_not_set_up(client, settings):
    settings.PAYSTACK_SECRET_KEY = ""

    response = client.post(
        "/payments/webhooks/paystack/",
        json.dumps({"event": "charge.success"}),
        content_type="application/json",
    )

    assert response.status_code == 404
