"""Commerce in the Wagtail admin: lists for money staff only, the payout
decision screen, coupons and plans as snippets."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from payments.models import Coupon, Earning, Order, Payout
from payments.services import payouts
from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    client = Client()
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def sale(catalogue, teacher):
    course = paid_course(catalogue, "sold", 10000, instructor=teacher)
    buyer = Client()
    buyer.force_login(learner(username="sold-buyer"))
    buyer.post(buyer.post(f"/payments/checkout/{course.pk}/").url, {"pay": ""})
    return Order.objects.get()


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/payments/order/",
        "/admin/payments/payout/",
        "/admin/payments/webhookevent/",
    ],
)
def test_money_lists_are_for_money_staff_only(url, boss, teacher, sale):
    assert boss.get(url).status_code == 200
    assert as_user(teacher).get(url).status_code in (302, 403)


def test_the_order_list_shows_the_refund_button_and_a_dispute_flag(boss, sale):
    Order.objects.update(disputed_at=timezone.now(), dispute_reason="fraudulent")

    html = boss.get("/admin/payments/order/").content.decode()
    details = boss.get(f"/admin/payments/order/inspect/{sale.pk}/")

    assert f"/admin/commerce/orders/{sale.pk}/refund/" in html
    assert "Disputed: fraudulent" in html
    assert details.status_code == 200


def test_staff_decide_a_payout_on_its_screen(boss, teacher, sale):
    Earning.objects.update(available_at=timezone.now() - timedelta(days=1))
    payouts.set_payout_account(teacher, "First Bank", "6212345678901")
    payout = payouts.request_payout(teacher, "USD")
    url = f"/admin/commerce/payouts/{payout.pk}/"

    assert "First Bank ····8901" in boss.get(url).content.decode()
    boss.post(url, {"action": "approve"})
    refused = boss.post(url, {"action": "paid", "reference": ""}, follow=True)
    boss.post(url, {"action": "paid", "reference": "TRF-77"})

    assert "Give the payment reference" in refused.content.decode()
    payout.refresh_from_db()
    assert (payout.status, payout.payment_reference) == ("paid", "TRF-77")
    # Wagtail turns a refusal into a redirect to the admin home, without data.
    refused_teacher = as_user(teacher).get(url)
    assert refused_teacher.status_code == 302 and refused_teacher.url == "/admin/"


def test_coupons_are_created_as_snippets_with_their_rules_checked(boss):
    invalid = boss.post(
        "/admin/snippets/payments/coupon/add/",
        {"code": "bad", "kind": "percent", "max_uses_per_user": 1},
    )
    boss.post(
        "/admin/snippets/payments/coupon/add/",
        {
            "code": " spring25 ",
            "kind": "percent",
            "percent_off": 25,
            "max_uses_per_user": 1,
        },
    )

    assert (
        invalid.status_code == 200 and "Give a percentage" in invalid.content.decode()
    )
    assert Coupon.objects.get().code == "SPRING25"


def test_money_staff_see_any_instructors_earnings(boss, teacher, sale):
    html = boss.get(f"/admin/commerce/earnings/?instructor={teacher.pk}")

    assert "Sold" in html.content.decode()
    assert Payout.objects.count() == 0


def test_staff_set_an_instructors_revenue_share_on_the_user_form(boss, teacher):
    from payments.models import InstructorAccount

    url = f"/admin/users/edit/{teacher.pk}/"
    form = boss.get(url)
    response = boss.post(
        url,
        {
            "username": teacher.username,
            "email": teacher.email,
            "first_name": "Tess",
            "last_name": "Teacher",
            "is_active": "on",
            "groups": [g.pk for g in teacher.groups.all()],
            "revenue_share_percent": "72.5",
        },
    )

    assert "Revenue share (%)" in form.content.decode()
    assert response.status_code == 302
    assert InstructorAccount.objects.get(user=teacher).revenue_share_bp == 7250
    html = boss.get(url).content.decode()
    assert 'name="revenue_share_percent" value="72.5"' in html
