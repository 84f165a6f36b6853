"""The periodic upkeep of open orders: one reminder, then expiry, unless the
gateway says the order was paid after all."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from learners.models import Enrollment
from payments.models import CouponRedemption, OfflineCheckoutSession, Order
from payments.tasks import tend_open_orders_task
from tests.conftest import run_periodic
from tests.learners.factories import learner
from tests.payments.factories import CouponFactory, paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_order(client, catalogue):
    course = paid_course(catalogue, "waiting", 4900)
    client.force_login(learner(username="hesitant", email="hesitant@example.com"))
    CouponFactory(code="HOLD", max_uses=1)
    client.post(f"/payments/checkout/{course.pk}/", {"coupon": "HOLD"})
    return Order.objects.get()


def age(order, **delta):
    Order.objects.filter(pk=order.pk).update(
        created_at=timezone.now() - timedelta(**delta)
    )


def run_task():
    with TestCase.captureOnCommitCallbacks(execute=True):
        return run_periodic(tend_open_orders_task)


def test_an_abandoned_checkout_gets_one_reminder(open_order):
    age(open_order, minutes=90)

    first = run_task()
    second = run_task()

    assert first["reminded"] == 1 and second["reminded"] == 0
    reminders = [m for m in mail.outbox if "waiting" in m.subject.lower()]
    assert len(reminders) == 1
    assert "/courses/waiting/" in reminders[0].body


def test_a_fresh_checkout_is_left_alone(open_order):
    assert run_task() == {
        "reminded": 0,
        "expired": 0,
        "renewed_offline": 0,
        "subscriptions_checked": 0,
        "statements_closed": 0,
    }


def test_a_stale_order_expires_with_its_pending_enrolment_and_coupon_hold(open_order):
    age(open_order, hours=25)

    assert run_task()["expired"] == 1
    open_order.refresh_from_db()
    assert open_order.status == "expired"
    assert not Enrollment.objects.exists()
    assert CouponRedemption.objects.get().status == "released"


def test_a_stale_order_paid_at_the_gateway_is_fulfilled_not_expired(open_order):
    age(open_order, hours=25)
    OfflineCheckoutSession.objects.update(
        status=OfflineCheckoutSession.Status.COMPLETE, payment_intent="pi_late"
    )

    run_task()

    open_order.refresh_from_db()
    assert open_order.status == "paid"
    assert Enrollment.objects.get().status == "active"
