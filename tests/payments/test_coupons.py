"""Coupons at checkout: the discount, every limit with its message, a use
held while the order is open and counted when it is paid."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from home.models import TaxSettings
from payments.models import Coupon, CouponRedemption, OfflineCheckoutSession, Order
from payments.services.coupons import discount_for
from tests.learners.factories import learner
from tests.payments.factories import CouponFactory, paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return paid_course(catalogue, "design", 11500, currency="ZAR")


@pytest.fixture
def buyer(client):
    user = learner(username="saver")
    client.force_login(user)
    return user


def buy(client, course, code):
    return client.post(f"/payments/checkout/{course.pk}/", {"coupon": code})


@pytest.mark.parametrize(
    ("kind", "percent", "amount", "currency", "price", "discount"),
    [
        ("percent", 20, None, "", 11500, 2300),
        ("percent", 15, None, "", 999, 150),  # 149.85 rounds half up
        ("percent", 100, None, "", 11500, 11500),
        ("fixed", None, 2000, "ZAR", 11500, 2000),
        ("fixed", None, 20000, "ZAR", 11500, 11500),  # never more than the price
        ("fixed", None, 2000, "USD", 11500, 0),  # another currency
    ],
)
def test_the_discount_in_minor_units(kind, percent, amount, currency, price, discount):
    coupon = Coupon(
        code="X", kind=kind, percent_off=percent, amount_off=amount, currency=currency
    )
    assert discount_for(coupon, price, "ZAR") == discount


def test_a_percent_coupon_with_inclusive_vat_is_priced_on_the_server(
    client, course, buyer
):
    TaxSettings.objects.create(
        site=Site.objects.get(is_default_site=True), tax_rate_basis_points=1500
    )
    CouponFactory(code="LAUNCH20", percent_off=20)

    buy(client, course, " launch20 ")

    order = Order.objects.get()
    # 115.00 - 20% = 92.00, of which 15% VAT is 12.00.
    assert (order.discount, order.total, order.tax) == (2300, 9200, 1200)
    assert CouponRedemption.objects.get().status == "held"
    assert Coupon.objects.get().times_used == 0


@pytest.mark.parametrize(
    ("coupon", "message"),
    [
        (None, "There is no coupon with the code"),
        (
            {"valid_until": timezone.now() - timedelta(days=1)},
            "has expired",
        ),
        ({"valid_from": timezone.now() + timedelta(days=1)}, "is not valid yet"),
        ({"max_uses": 0}, "has been used up"),
        (
            {
                "kind": "fixed",
                "percent_off": None,
                "amount_off": 500,
                "currency": "USD",
            },
            "is not valid for this course",
        ),
    ],
    ids=["unknown", "expired", "not-yet", "used-up", "other-currency"],
)
def test_a_coupon_that_does_not_apply_is_refused_clearly(
    client, course, buyer, coupon, message
):
    if coupon is not None:
        CouponFactory(code="DEAL", **coupon)

    response = buy(client, course, "DEAL")

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Order.objects.exists()


def test_a_coupon_for_other_courses_is_refused(client, catalogue, course, buyer):
    other = paid_course(catalogue, "other", 5000)
    CouponFactory(code="ONLYOTHER").courses.add(other)

    response = buy(client, course, "ONLYOTHER")

    assert response.status_code == 400
    assert "not valid for this course" in response.content.decode()


def test_paying_counts_the_use_and_a_second_use_by_the_same_learner_is_refused(
    client, catalogue, course, buyer
):
    CouponFactory(code="ONCE", max_uses_per_user=1)
    second = paid_course(catalogue, "second", 5000)
    client.post(buy(client, course, "ONCE").url, {"pay": ""})

    response = buy(client, second, "ONCE")

    assert CouponRedemption.objects.get().status == "redeemed"
    assert Coupon.objects.get().times_used == 1
    assert response.status_code == 400
    assert "already used" in response.content.decode()


def test_a_declined_payment_gives_the_use_back(client, course, buyer):
    CouponFactory(code="LAST", max_uses=1)
    client.post(buy(client, course, "LAST").url, {"decline": ""})

    other = learner(username="next-in-line")
    client.force_login(other)
    response = buy(client, course, "LAST")

    assert response.status_code == 302
    statuses = sorted(CouponRedemption.objects.values_list("status", flat=True))
    assert statuses == ["held", "released"]


def test_changing_the_coupon_replaces_the_open_order(client, course, buyer):
    CouponFactory(code="TEN", percent_off=10)
    buy(client, course, "")
    buy(client, course, "TEN")

    orders = Order.objects.order_by("pk")
    assert [o.status for o in orders] == ["expired", "pending"]
    assert orders[1].discount == 1150
    old_checkout = OfflineCheckoutSession.objects.get(
        session_id=orders[0].gateway_session_id
    )
    assert old_checkout.status == "expired"


def test_a_full_discount_enrols_without_the_gateway(client, course, buyer):
    CouponFactory(code="FREE", percent_off=100)

    response = buy(client, course, "FREE")

    order = Order.objects.get()
    assert (order.status, order.total) == ("paid", 0)
    assert response.url == course.syllabus.first_lesson.url
    assert order.invoice.number.startswith("INV-")
