"""Refunds from the admin and from the gateway, in any order, and disputes."""

import pytest
from django.test import Client

from home.models import OutboxTask
from learners import services as learning
from learners.access import lesson_access
from learners.models import Enrollment, LessonProgress
from payments.models import Earning, Order, PaymentTransaction
from payments.services.refunds import refund_order
from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.payments.factories import event, paid_course, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client):
    user = learner(username="refund-buyer")
    client.force_login(user)
    return user


@pytest.fixture
def course(catalogue):
    teacher = UserFactory(username="teacher")
    return paid_course(catalogue, "refundable", 10000, instructor=teacher)


def pay_offline(client, course):
    page = client.post(f"/payments/checkout/{course.pk}/")
    client.post(page.url, {"pay": ""})
    return Order.objects.get(course=course)


def pay_on_stripe(client, course, fake_stripe):
    client.post(f"/payments/checkout/{course.pk}/")
    order = Order.objects.get(course=course)
    session = fake_stripe.pay(order.gateway_session_id)
    return order, session


def charge_refunded(session, amount_refunded, amount=10000):
    charge = {
        "id": f"ch_{session['id']}",
        "object": "charge",
        "payment_intent": session["payment_intent"],
        "amount": amount,
        "amount_refunded": amount_refunded,
    }
    return event("charge.refunded", charge, f"evt_refund_{amount_refunded}")


def test_an_admin_refund_ends_access_keeps_progress_and_reverses_the_earning(
    client, course, buyer
):
    order = pay_offline(client, course)
    lesson = course.syllabus.lessons[0]
    learning.complete_lesson(buyer, lesson)

    refund_order(order.pk)

    order.refresh_from_db()
    assert order.status == "refunded" and order.amount_refunded == 10000
    assert Enrollment.objects.get(user=buyer).status == "refunded"
    assert not lesson_access(buyer, lesson).allowed
    assert LessonProgress.objects.filter(enrollment__user=buyer).exists()
    sale, reversal = Earning.objects.order_by("pk")
    assert reversal.instructor_amount == -sale.instructor_amount != 0
    assert PaymentTransaction.objects.filter(kind="refund", amount=10000).count() == 1


def test_a_refunded_order_cannot_be_refunded_again(client, course, buyer):
    order = pay_offline(client, course)
    refund_order(order.pk)

    with pytest.raises(Exception, match="Only a paid order"):
        refund_order(order.pk)


def test_the_admin_refund_goes_through_stripe_and_the_webhook_adds_nothing(
    client, course, buyer, fake_stripe
):
    order, session = pay_on_stripe(client, course, fake_stripe)
    client.get("/payments/success/", {"session_id": order.gateway_session_id})

    refund_order(order.pk)
    response = post_event(client, charge_refunded(session, 10000))

    assert response.status_code == 200
    assert fake_stripe.refunds == [
        {
            "id": "re_fake_1",
            "object": "refund",
            "amount": 10000,
            "payment_intent": session["payment_intent"],
            "status": "succeeded",
        }
    ]
    assert PaymentTransaction.objects.filter(kind="refund").count() == 1
    assert Earning.objects.filter(kind="reversal").count() == 1


def test_a_refund_reported_by_stripe_refunds_the_order(
    client, course, buyer, fake_stripe
):
    order, session = pay_on_stripe(client, course, fake_stripe)
    post_event(client, event("checkout.session.completed", session))

    post_event(client, charge_refunded(session, 10000))

    order.refresh_from_db()
    assert order.status == "refunded"
    assert Enrollment.objects.get(user=buyer).status == "refunded"


def test_a_partial_refund_keeps_the_order_paid(client, course, buyer, fake_stripe):
    order, session = pay_on_stripe(client, course, fake_stripe)
    post_event(client, event("checkout.session.completed", session))

    post_event(client, charge_refunded(session, 2500))

    order.refresh_from_db()
    assert (order.status, order.amount_refunded) == ("paid", 2500)
    assert Enrollment.objects.get(user=buyer).gives_access


def test_a_refund_before_the_completion_event_ends_refunded_not_paid(
    client, course, buyer, fake_stripe
):
    order, session = pay_on_stripe(client, course, fake_stripe)

    post_event(client, charge_refunded(session, 10000))
    post_event(client, event("checkout.session.completed", session))
    client.get("/payments/success/", {"session_id": order.gateway_session_id})

    order.refresh_from_db()
    assert order.status == "refunded"
    assert not Enrollment.objects.with_access().filter(user=buyer).exists()
    assert not Earning.objects.exists()
    kinds = sorted(PaymentTransaction.objects.values_list("kind", flat=True))
    assert kinds == ["payment", "refund"]


def dispute_event(session, kind, **fields):
    dispute = {
        "id": "dp_1",
        "object": "dispute",
        "payment_intent": session["payment_intent"],
        "reason": "fraudulent",
        **fields,
    }
    return event(f"charge.dispute.{kind}", dispute, f"evt_dispute_{kind}")


def disputed(client, course, fake_stripe, buyer):
    order, session = pay_on_stripe(client, course, fake_stripe)
    post_event(client, event("checkout.session.completed", session))
    learning.complete_lesson(buyer, course.syllabus.lessons[0])
    post_event(client, dispute_event(session, "created", status="needs_response"))
    return order, session


def test_a_dispute_flags_the_order_and_pauses_access_with_a_reason(
    client, course, buyer, fake_stripe
):
    order, _session = disputed(client, course, fake_stripe, buyer)

    order.refresh_from_db()
    assert order.needs_attention and order.dispute_reason == "fraudulent"
    assert order.status == "paid"
    enrollment = Enrollment.objects.get(user=buyer)
    assert enrollment.status == "suspended"
    page = client.get(course.syllabus.lessons[0].url).content.decode()
    assert "Your access is paused while your bank looks into a dispute" in page
    assert mails_queued("dispute_opened") == 1


def test_a_won_dispute_restores_access_as_it_was(client, course, buyer, fake_stripe):
    order, session = disputed(client, course, fake_stripe, buyer)

    post_event(client, dispute_event(session, "closed", status="won"))

    order.refresh_from_db()
    assert (order.dispute_outcome, order.status) == ("won", "paid")
    # The learner had finished the one-lesson course: it is finished again.
    assert Enrollment.objects.get(user=buyer).status == "completed"
    assert Earning.objects.filter(instructor_amount__lt=0).count() == 0
    assert mails_queued("dispute_won") == 1


def test_a_lost_dispute_is_handled_as_a_refund(client, course, buyer, fake_stripe):
    order, session = disputed(client, course, fake_stripe, buyer)

    post_event(client, dispute_event(session, "closed", status="lost"))
    post_event(client, dispute_event(session, "closed", status="lost"))

    order.refresh_from_db()
    assert (order.dispute_outcome, order.status) == ("lost", "refunded")
    assert order.amount_refunded == order.total
    assert Enrollment.objects.get(user=buyer).status == "refunded"
    assert Earning.objects.filter(instructor_amount__lt=0).count() == 1
    assert mails_queued("dispute_lost") == 1 and mails_queued("refund_issued") == 0


def test_only_money_staff_can_open_the_refund_screen(client, course, buyer):
    order = pay_offline(client, course)
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    instructor = course.instructor
    instructor.groups.add(*_instructor_groups())
    teacher = Client()
    teacher.force_login(instructor)
    boss = Client()
    boss.force_login(admin)

    assert teacher.post(f"/admin/commerce/orders/{order.pk}/refund/").status_code in (
        302,
        403,
    )
    order.refresh_from_db()
    assert order.status == "paid"
    response = boss.post(f"/admin/commerce/orders/{order.pk}/refund/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "refunded"


def _instructor_groups():
    from django.contrib.auth.models import Group

    return Group.objects.filter(name="Instructors")


def mails_queued(kind):
    return OutboxTask.objects.filter(
        task_name="learners.tasks.send_learner_email_task", args__0=kind
    ).count()
