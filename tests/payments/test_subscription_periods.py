"""Subscription periods: each paid period is recorded once, invoiced in the
INV series and receipted; a failed one says so once; renewals on the test
gateway and on Stripe (old and new API shapes) arrive the same way."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from learners.models import Enrollment
from payments.models import (
    Invoice,
    OfflineCheckoutSession,
    Subscription,
    SubscriptionPayment,
)
from payments.tasks import tend_open_orders_task
from tests.conftest import run_periodic
from tests.learners.factories import learner
from tests.payments.factories import PlanFactory, event, post_event, subscription_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = learner(username="member", first_name="Ama", email="ama@example.com")
    client.force_login(user)
    return user


@pytest.fixture
def course(catalogue):
    return subscription_course(catalogue, "library")


def subscribe_offline(client):
    plan = PlanFactory()
    checkout = client.post(f"/payments/subscribe/{plan.pk}/")
    client.post(checkout.url, {"pay": ""})
    return plan


def receipts():
    return [m for m in mail.outbox if m.subject.startswith("Receipt for your")]


def test_the_first_period_is_invoiced_and_receipted_once(
    client, course, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe_offline(client)

    payment = SubscriptionPayment.objects.get()
    invoice = Invoice.objects.get(subscription_payment=payment)
    assert payment.status == "paid" and payment.amount == 1500
    assert payment.period_end - payment.period_start == timedelta(days=30)
    assert invoice.number.startswith(f"INV-{timezone.now().year}-")
    [receipt] = receipts()
    assert invoice.number in receipt.subject
    assert f"/dashboard/purchases/subscription/{payment.pk}/invoice/" in receipt.body
    assert receipt.body.count("http://") + receipt.body.count("https://") >= 2


def test_the_period_invoice_is_listed_and_reads_back(client, course, member):
    subscribe_offline(client)
    payment = SubscriptionPayment.objects.get()

    page = client.get("/dashboard/purchases/").content.decode()
    pdf = client.get(f"/dashboard/purchases/subscription/{payment.pk}/invoice/")

    assert "Subscription payments" in page and payment.invoice.number in page
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert payment.invoice.number in text and "Monthly subscription" in text
    assert "15.00" in text


def test_nobody_else_can_download_a_period_invoice(client, course, member):
    subscribe_offline(client)
    payment = SubscriptionPayment.objects.get()
    client.force_login(learner(username="other"))

    response = client.get(f"/dashboard/purchases/subscription/{payment.pk}/invoice/")

    assert response.status_code == 404


def test_the_test_gateway_renews_a_period_that_ended(
    client, course, member, django_capture_on_commit_callbacks
):
    subscribe_offline(client)
    ended = timezone.now() - timedelta(seconds=1)
    OfflineCheckoutSession.objects.update(period_end=ended)

    with django_capture_on_commit_callbacks(execute=True):
        first = run_periodic(tend_open_orders_task)
    again = run_periodic(tend_open_orders_task)

    periods = list(SubscriptionPayment.objects.order_by("pk"))
    assert first["renewed_offline"] == 1 and again["renewed_offline"] == 0
    assert len(periods) == 2 and all(p.invoice for p in periods)
    assert periods[1].period_start == ended
    assert Subscription.objects.get().current_period_end == periods[1].period_end
    assert len(receipts()) == 1  # the renewal's; the first was sent before


def test_a_subscription_set_to_end_is_not_renewed(client, course, member):
    subscribe_offline(client)
    client.post("/dashboard/subscription/", {"action": "cancel"})
    OfflineCheckoutSession.objects.update(period_end=timezone.now())

    run_periodic(tend_open_orders_task)

    assert SubscriptionPayment.objects.count() == 1
    assert Subscription.objects.get().status == "canceled"


def stripe_member(client, fake_stripe, course):
    fake_stripe.prices["price_monthly"] = 1500
    plan = PlanFactory()
    checkout = client.post(f"/payments/subscribe/{plan.pk}/")
    session = fake_stripe.pay(checkout.url.rsplit("/", 1)[-1])
    post_event(client, event("checkout.session.completed", session))
    client.post(f"/payments/subscription/enrol/{course.pk}/")
    return session["subscription"]


@pytest.mark.parametrize("new_shape", [False, True])
def test_a_stripe_invoice_is_recorded_net_of_its_fee(
    client, course, member, fake_stripe, new_shape
):
    subscription_id = stripe_member(client, fake_stripe, course)
    invoice = fake_stripe.bill(subscription_id, tax=250, new_shape=new_shape)

    post_event(client, event("invoice.paid", invoice))
    post_event(client, event("invoice.paid", invoice, "evt_replayed"))

    payment = SubscriptionPayment.objects.get()
    assert (payment.amount, payment.tax, payment.currency) == (1500, 250, "USD")
    assert payment.gateway_fee == round(1500 * 0.029) + 30
    assert payment.net == 1500 - 250 - 74
    assert Invoice.objects.filter(subscription_payment=payment).count() == 1


def test_a_failed_stripe_renewal_says_so_once_and_a_late_retry_pays_it(
    client, course, member, fake_stripe, django_capture_on_commit_callbacks
):
    subscription_id = stripe_member(client, fake_stripe, course)
    fake_stripe.bill(subscription_id)  # the first period
    declined = fake_stripe.bill(subscription_id, paid=False)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, event("invoice.payment_failed", declined, "evt_f1"))
        post_event(client, event("invoice.payment_failed", declined, "evt_f2"))
    failed = SubscriptionPayment.objects.get(gateway_invoice_id=declined["id"])
    closed = Enrollment.objects.get(user=member).status

    fake_stripe.invoices[declined["id"]].update(
        status="paid", amount_paid=1500, payment_intent="pi_retry"
    )
    fake_stripe.set_subscription(subscription_id, status="active")
    post_event(client, event("invoice.paid", declined, "evt_paid"))
    failed.refresh_from_db()

    notices = [m for m in mail.outbox if "did not go through" in m.subject]
    assert len(notices) == 1 and "/dashboard/subscription/" in notices[0].body
    assert closed == "expired"
    assert failed.status == "paid" and failed.invoice.number.startswith("INV-")
    assert Enrollment.objects.get(user=member).status == "active"
