"""Money under real concurrency, on PostgreSQL: the same webhook ten times at
once, twenty orders racing for a coupon's last uses, two payout requests,
and eight schedulers closing the same month's subscription statement."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from learners.models import Enrollment, LearningDay
from payments.errors import PayoutError
from payments.models import (
    Coupon,
    CouponRedemption,
    Earning,
    OfflineCheckoutSession,
    Order,
    PaymentTransaction,
    Payout,
    StatementLine,
    SubscriptionStatement,
    WebhookEvent,
)
from payments.services import payouts, statements
from tests.conftest import in_parallel
from tests.courses.factories import UserFactory
from tests.learners.factories import enrolled, learner
from tests.payments.factories import (
    CouponFactory,
    PlanFactory,
    event,
    paid_course,
    stripe_signed,
    subscription_course,
)
from tests.payments.test_subscription_statements import subscriber

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_stripe_event_ten_times_at_once_fulfils_once(catalogue, fake_stripe):
    teacher = UserFactory(username="teacher")
    course = paid_course(catalogue, "rush", 4900, instructor=teacher)
    buyer = Client()
    buyer.force_login(learner(username="rush-buyer"))
    buyer.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get()
    payload = event(
        "checkout.session.completed", fake_stripe.pay(order.gateway_session_id)
    )

    def deliver(_index):
        return (
            Client()
            .post(
                "/payments/webhooks/stripe/",
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=stripe_signed(payload),
            )
            .status_code
        )

    statuses = in_parallel(10, deliver)

    assert set(statuses) == {200}
    assert WebhookEvent.objects.count() == 1
    assert PaymentTransaction.objects.filter(kind="payment").count() == 1
    assert Earning.objects.count() == 1
    assert Order.objects.get().status == "paid"


def test_twenty_parallel_orders_take_a_coupons_last_uses_exactly(catalogue):
    course = paid_course(catalogue, "sale", 10000)
    CouponFactory(code="FIRST5", max_uses=5)
    clients = []
    for n in range(20):
        client = Client()
        client.force_login(learner(username=f"racer-{n}"))
        clients.append(client)

    def order(index):
        return (
            clients[index]
            .post(f"/payments/checkout/{course.pk}/", {"coupon": "FIRST5"})
            .status_code
        )

    statuses = in_parallel(20, order)
    for session in OfflineCheckoutSession.objects.all():
        owner = Order.objects.get(pk=session.client_reference_id).user
        client = Client()
        client.force_login(owner)
        client.post(f"/payments/test-gateway/{session.session_id}/", {"pay": ""})

    assert sorted(statuses) == [302] * 5 + [400] * 15
    assert Coupon.objects.get().times_used == 5
    assert CouponRedemption.objects.filter(status="redeemed").count() == 5
    assert Order.objects.filter(status="paid", discount=2000).count() == 5


def test_two_payout_requests_at_once_take_the_money_once(catalogue):
    teacher = UserFactory(username="payee")
    course = paid_course(catalogue, "earner", 10000, instructor=teacher)
    buyer = Client()
    buyer.force_login(learner(username="earner-buyer"))
    buyer.post(buyer.post(f"/payments/checkout/{course.pk}/").url, {"pay": ""})
    Earning.objects.update(available_at=timezone.now() - timedelta(days=1))
    payouts.set_payout_account(teacher, "First Bank", "6212345678901")

    results = in_parallel(2, lambda _i: payouts.request_payout(teacher, "USD"))

    assert sum(isinstance(r, Payout) for r in results) == 1
    assert sum(isinstance(r, PayoutError) for r in results) == 1
    assert Payout.objects.get().amount == 7000


def test_two_schedulers_closing_the_same_month_write_one_statement(catalogue):
    course = subscription_course(catalogue, "shared")
    course.instructor = UserFactory(username="teacher")
    course.save()
    march = datetime(2026, 3, 1, tzinfo=UTC)
    ama = subscriber("ama", PlanFactory(), march)
    enrollment = enrolled(ama, course, Enrollment.Source.SUBSCRIPTION)
    LearningDay.objects.create(enrollment=enrollment, date=date(2026, 3, 2), seconds=60)

    results = in_parallel(
        8, lambda i: statements.close_due_statements(datetime(2026, 4, 2, tzinfo=UTC))
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert SubscriptionStatement.objects.count() == 1
    assert StatementLine.objects.count() == 1
    assert Earning.objects.filter(kind="subscription").count() == 1
