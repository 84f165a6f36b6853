"""Revenue share, the earnings ledger with its hold period, and payouts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from payments.errors import PayoutError
from payments.models import (
    CourseRevenueShare,
    Earning,
    InstructorAccount,
    Order,
    Payout,
)
from payments.services import earnings, payouts
from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db


def sell(catalogue, teacher, slug, price, buyers=1, **fields):
    course = paid_course(catalogue, slug, price, instructor=teacher, **fields)
    for n in range(buyers):
        client = Client()
        client.force_login(learner(username=f"{slug}-buyer-{n}"))
        client.post(client.post(f"/payments/checkout/{course.pk}/").url, {"pay": ""})
    return course


def clear_hold():
    Earning.objects.update(available_at=timezone.now() - timedelta(days=1))


def test_a_sale_writes_one_ledger_row_whose_shares_add_up(catalogue, teacher):
    sell(catalogue, teacher, "sale", 9999)

    earning = Earning.objects.get()
    assert (earning.gross, earning.tax, earning.share_bp) == (9999, 0, 7000)
    # 69.993 rounds down for the instructor; the platform keeps the remainder.
    assert (earning.instructor_amount, earning.platform_amount) == (6999, 3000)
    hold = earning.available_at - Order.objects.get().paid_at
    assert hold == timedelta(days=14)


def test_the_course_override_beats_the_instructor_share(catalogue, teacher):
    InstructorAccount.objects.create(user=teacher, revenue_share_bp=8000)
    own = paid_course(catalogue, "special", 10000, instructor=teacher)
    CourseRevenueShare.objects.create(course=own, instructor_share_bp=5000)
    plain = paid_course(catalogue, "plain", 10000, instructor=teacher)

    assert earnings.instructor_share_bp(own) == 5000
    assert earnings.instructor_share_bp(plain) == 8000


def test_earnings_wait_for_the_hold_period(catalogue, teacher):
    sell(catalogue, teacher, "held", 10000, buyers=2)

    before = earnings.balances(teacher)["USD"]
    clear_hold()
    after = earnings.balances(teacher)["USD"]

    assert (before["pending"], before["available"]) == (14000, 0)
    assert (after["pending"], after["available"]) == (0, 14000)


def test_a_payout_needs_an_account_and_the_minimum(catalogue, teacher):
    sell(catalogue, teacher, "small", 2000)
    clear_hold()

    with pytest.raises(PayoutError, match="account"):
        payouts.request_payout(teacher, "USD")
    payouts.set_payout_account(teacher, "First Bank", "62 1234 5678 9012")
    with pytest.raises(PayoutError, match="Payouts start at"):
        payouts.request_payout(teacher, "USD")


def test_the_bank_account_is_kept_only_as_a_masked_reference(teacher):
    account = payouts.set_payout_account(teacher, "First Bank", "6212 3456 7890 12")

    assert account.payout_reference == "First Bank ····9012"
    assert "345678" not in str(InstructorAccount.objects.values().get())


def test_a_payout_takes_the_whole_available_balance_once(catalogue, teacher):
    sell(catalogue, teacher, "popular", 10000, buyers=2)
    clear_hold()
    payouts.set_payout_account(teacher, "First Bank", "6212345678901")

    payout = payouts.request_payout(teacher, "USD")

    assert payout.amount == 14000 and payout.destination == "First Bank ····8901"
    assert earnings.balances(teacher)["USD"]["available"] == 0
    with pytest.raises(PayoutError):
        payouts.request_payout(teacher, "USD")


def test_staff_approve_then_mark_paid_or_reject_with_a_reason(catalogue, teacher):
    sell(catalogue, teacher, "paid-out", 10000)
    clear_hold()
    payouts.set_payout_account(teacher, "First Bank", "6212345678901")
    admin = UserFactory(username="boss", is_superuser=True)

    first = payouts.request_payout(teacher, "USD")
    with pytest.raises(PayoutError, match="Say why"):
        payouts.reject_payout(first.pk, admin, " ")
    payouts.reject_payout(first.pk, admin, "Account name does not match")
    assert earnings.balances(teacher)["USD"]["available"] == 7000

    second = payouts.request_payout(teacher, "USD")
    with pytest.raises(PayoutError):
        payouts.mark_payout_paid(second.pk, admin, "TRF-1")  # not approved yet
    payouts.approve_payout(second.pk, admin)
    payouts.mark_payout_paid(second.pk, admin, "TRF-1")

    money = earnings.balances(teacher)["USD"]
    assert (money["available"], money["paid_out"]) == (0, 7000)


def test_a_refund_on_hold_cancels_its_sale_without_touching_available(
    catalogue, teacher
):
    from payments.services.refunds import refund_order

    sell(catalogue, teacher, "refunded", 10000)
    refund_order(Order.objects.get().pk)

    money = earnings.balances(teacher)["USD"]
    assert (money["pending"], money["available"]) == (0, 0)


def test_the_earnings_page_shows_my_money_and_not_another_instructors(
    catalogue, teacher
):
    sell(catalogue, teacher, "mine", 10000)
    other = UserFactory(username="other-teacher")
    other.groups.add(*teacher.groups.all())
    sell(catalogue, other, "theirs", 30000)
    client = Client()
    client.force_login(teacher)

    page = client.get("/admin/commerce/earnings/").content.decode()
    guessed = client.get(f"/admin/commerce/earnings/?instructor={other.pk}")

    assert "Mine" in page and "$70.00" in page and "Theirs" not in page
    assert "Theirs" not in guessed.content.decode()


def test_an_instructor_requests_a_payout_from_the_earnings_page(catalogue, teacher):
    sell(catalogue, teacher, "page", 10000)
    clear_hold()
    client = Client()
    client.force_login(teacher)

    client.post(
        "/admin/commerce/earnings/",
        {"bank_name": "First Bank", "account_number": "6212345678901"},
    )
    client.post("/admin/commerce/earnings/", {"request_payout": "", "currency": "USD"})

    payout = Payout.objects.get()
    assert (payout.amount, payout.status) == (7000, "requested")
