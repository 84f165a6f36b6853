"""Velocity checks at checkout: too many checkouts by one person or from one
address, or too many declines of one card, pause checkout with a 429 that
says why, and the audit log records it."""

import pytest
from wagtail.models import Site

from home.models import AuditEntry
from payments.models import CheckoutLimits, Order
from tests.learners.factories import learner
from tests.payments.factories import event, paid_course, post_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_clock")]


@pytest.fixture
def course(catalogue):
    return paid_course(catalogue, "excel", 4900)


@pytest.fixture
def limits(site):
    return CheckoutLimits.objects.create(
        site=Site.objects.get(is_default_site=True),
        per_learner=3,
        per_address=5,
        per_card=2,
        window_minutes=30,
    )


def checkout(client, course, address="203.0.113.7"):
    return client.post(f"/payments/checkout/{course.pk}/", REMOTE_ADDR=address)


def test_a_person_starting_checkout_after_checkout_is_paused(limits, course, client):
    user = learner()
    client.force_login(user)

    answers = [checkout(client, course) for _ in range(4)]

    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert "Too many payment attempts" in answers[-1].content.decode()
    assert 0 < int(answers[-1]["Retry-After"]) <= 30 * 60
    entry = AuditEntry.objects.get(action="checkout_refused")
    assert entry.actor == user and "one person" in entry.summary
    assert entry.ip_address == "203.0.113.7"


def test_one_address_is_limited_across_accounts(limits, course, client):
    answers = []
    for _ in range(6):
        client.force_login(learner())
        answers.append(checkout(client, course).status_code)
    client.force_login(learner())

    assert answers == [302] * 5 + [429]
    assert checkout(client, course, address="198.51.100.2").status_code == 302


def test_a_card_declined_too_often_pauses_its_user(limits, course, client):
    user = learner()
    client.force_login(user)
    for _ in range(3):
        page = checkout(client, course)
        client.post(page.url, {"decline": ""})

    refused = checkout(client, course)

    assert refused.status_code == 429
    summaries = list(
        AuditEntry.objects.filter(action="checkout_refused").values_list(
            "summary", flat=True
        )
    )
    assert any("a card declined more than 2 times" in s for s in summaries)


def test_a_stripe_decline_counts_the_cards_fingerprint(
    limits, course, client, fake_stripe
):
    user = learner()
    order = Order.objects.create(
        user=user,
        course=course,
        list_price=4900,
        total=4900,
        currency="USD",
        gateway="stripe",
    )
    for number in range(3):
        intent = {
            "id": f"pi_{number}",
            "object": "payment_intent",
            "metadata": {"order": str(order.pk)},
            "last_payment_error": {
                "code": "card_declined",
                "payment_method": {"card": {"fingerprint": "fp_stolen"}},
            },
        }
        assert (
            post_event(
                client, event("payment_intent.payment_failed", intent)
            ).status_code
            == 200
        )
    Order.objects.all().delete()
    client.force_login(user)

    assert checkout(client, course).status_code == 429


def test_limits_can_be_turned_off(limits, course, client):
    limits.enabled = False
    limits.save()
    client.force_login(learner())

    assert {checkout(client, course).status_code for _ in range(6)} == {302}


def test_the_api_answers_429_with_retry_after(limits, course, client):
    client.force_login(learner())
    for _ in range(3):
        checkout(client, course)

    response = client.post(
        "/api/v1/checkout/",
        {"course": course.pk},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.7",
    )

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many payment attempts")
    assert response["Retry-After"]
