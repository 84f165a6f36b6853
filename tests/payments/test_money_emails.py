"""Every money event tells the people involved, once, through the outbox,
with absolute links."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from home.models import OutboxTask
from learners.models import NotificationPreference
from payments.models import Earning, Order
from payments.services import payouts
from payments.services.refunds import refund_order
from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue, teacher):
    return paid_course(catalogue, "sql", 4900, title="SQL", instructor=teacher)


@pytest.fixture
def buyer(client):
    user = learner(username="buyer", email="buyer@example.com")
    client.force_login(user)
    return user


def mails_queued(kind):
    return OutboxTask.objects.filter(
        task_name="learners.tasks.send_learner_email_task", args__0=kind
    ).count()


def pay(client, course, paid=True):
    page = client.post(f"/payments/checkout/{course.pk}/")
    client.post(page.url, {"pay": ""} if paid else {"decline": ""})
    return Order.objects.filter(course=course).latest("pk")


def test_a_purchase_queues_one_receipt_and_one_enrolment_mail(client, course, buyer):
    order = pay(client, course)
    client.get(f"/payments/success/?session_id={order.gateway_session_id}")

    assert mails_queued("payment_receipt") == 1
    assert mails_queued("enrolment_confirmed") == 1


def test_the_receipt_links_the_invoice_with_an_absolute_address(
    client, course, buyer, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        order = pay(client, course)

    receipt = next(m for m in mail.outbox if m.subject.startswith("Receipt for SQL"))
    assert order.invoice.number in receipt.subject
    assert f"{settings.SITE_URL}/dashboard/purchases/{order.pk}/invoice/" in (
        receipt.body
    )
    assert "Total paid: $49.00" in receipt.body
    html = receipt.alternatives[0][0]
    assert 'href="/' not in html


def test_receipts_go_out_even_to_learners_who_turned_enrolment_mail_off(
    client, course, buyer
):
    NotificationPreference.objects.create(user=buyer, topic="enrolment", channel="off")
    NotificationPreference.objects.create(user=buyer, topic="payments", channel="off")

    pay(client, course)

    assert mails_queued("payment_receipt") == 1
    assert mails_queued("enrolment_confirmed") == 0


def test_a_declined_payment_says_nothing_was_charged(
    client, course, buyer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pay(client, course, paid=False)

    assert mails_queued("payment_failed") == 1
    failed = next(m for m in mail.outbox if "did not go through" in m.subject)
    assert "nothing was charged" in failed.body


def test_a_refund_queues_one_refund_mail(client, course, buyer):
    order = pay(client, course)

    refund_order(order.pk)

    assert mails_queued("refund_issued") == 1


def test_an_expired_order_says_so_once(client, course, buyer):
    from payments.services.open_orders import expire_stale_orders

    client.post(f"/payments/checkout/{course.pk}/")
    Order.objects.update(created_at=timezone.now() - timedelta(days=3))

    expire_stale_orders()
    expire_stale_orders()

    assert Order.objects.get().status == Order.Status.EXPIRED
    assert mails_queued("order_expired") == 1


def test_each_payout_decision_tells_the_instructor(client, course, teacher):
    for n in range(2):
        client.force_login(learner(username=f"shopper{n}"))
        pay(client, course)
    Earning.objects.update(available_at=timezone.now() - timedelta(days=1))
    payouts.set_payout_account(teacher, "First Bank", "123456789")
    admin = UserFactory(username="boss", is_superuser=True)

    payout = payouts.request_payout(teacher, "USD")
    payouts.approve_payout(payout.pk, admin)
    payouts.mark_payout_paid(payout.pk, admin, "TRF-1")

    assert mails_queued("payout_approved") == 1
    assert mails_queued("payout_paid") == 1
