"""Outbound webhooks: signed, sent after commit, retried until a 2xx, sent
once, and checked by receivers with the README's own snippet."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import Client

from home.models import WebhookDelivery, WebhookEndpoint
from home.webhooks import deliver_due, publish, resend
from learners import services
from payments.models import Order
from tests.courses.factories import (
    CoursePageFactory,
    SectionPageFactory,
    build_course,
)
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_verify():
    """The verification snippet exactly as the README documents it."""
    text = README.read_text()
    snippet = re.search(
        r"<!-- webhook-verification -->\n```python\n(.*?)```", text, re.S
    ).group(1)
    namespace = {}
    exec(snippet, namespace)  # noqa: S102 (our own README, under test)
    return namespace["verify"]


class Receiver:
    """A real HTTP server on a free local port that answers with the next
    status of `answers` (then 200) and keeps what it received."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"try later")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def receiver():
    server = Receiver([500])
    yield server
    server.close()


def make_due():
    WebhookDelivery.objects.update(next_attempt_at="2000-01-01T00:00:00Z")


def test_a_paid_order_is_sent_signed_once_though_the_first_try_fails(
    receiver, catalogue, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpoint.objects.create(
        url=receiver.url, event_types=["order.paid"]
    )
    course = CoursePageFactory(
        parent=catalogue, slug="paid", pricing_type="paid", price=900, currency="EUR"
    )
    LessonPageFactory(parent=SectionPageFactory(parent=course), slug="one")
    buyer = Client()
    buyer.force_login(learner())

    with django_capture_on_commit_callbacks(execute=True):
        page = buyer.post(f"/payments/checkout/{course.pk}/").url
    with django_capture_on_commit_callbacks(execute=True):
        buyer.post(page, {"pay": ""})  # paid: the first try gets a 500

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.last_status_code == 500
    assert delivery.last_error == "try later"
    make_due()
    assert deliver_due() == 1  # the retry arrives
    make_due()
    assert deliver_due() == 0  # and nothing is sent again

    assert len(receiver.received) == 2
    headers, body = receiver.received[-1]
    event = json.loads(body)
    order = Order.objects.get()
    assert event["type"] == "order.paid" and event["data"]["order"]["id"] == order.pk
    assert event["data"]["order"]["total"] == order.total
    assert headers["Coursewright-Event-Id"] == event["id"]
    assert receiver.received[0][0]["Coursewright-Event-Id"] == event["id"]
    verify = readme_verify()
    assert verify(endpoint.secret, headers["Coursewright-Signature"], body)
    assert not verify("another secret", headers["Coursewright-Signature"], body)
    assert not verify(endpoint.secret, headers["Coursewright-Signature"], body + b" ")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)


def test_only_endpoints_that_want_an_event_get_it(receiver):
    WebhookEndpoint.objects.create(url=receiver.url, event_types=["order.paid"])
    WebhookEndpoint.objects.create(
        url=receiver.url, event_types=["order.paid"], active=False
    )

    assert publish("lesson.completed", {"lesson": 1}) == []
    assert len(publish("order.paid", {"order": {"id": 1}})) == 1


def test_an_unreachable_endpoint_is_retried_and_given_up_after_a_day():
    endpoint = WebhookEndpoint.objects.create(
        url="http://127.0.0.1:9/nothing-listens", event_types=["order.paid"]
    )
    (delivery,) = publish("order.paid", {"order": {"id": 1}})
    assert deliver_due() == 0
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.last_error
    WebhookDelivery.objects.update(
        created_at="2000-01-01T00:00:00Z", next_attempt_at="2000-01-01T00:00:00Z"
    )

    deliver_due()

    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 2
    assert endpoint.deliveries.count() == 1


def test_resend_sends_the_same_event_again(
    receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(url=receiver.url, event_types=["order.paid"])
    receiver.answers = []
    (delivery,) = publish("order.paid", {"order": {"id": 7}})
    deliver_due()

    with django_capture_on_commit_callbacks(execute=True):
        resend(delivery)

    first, second = (json.loads(body) for _headers, body in receiver.received)
    assert first["id"] == second["id"] == str(delivery.event_id)


def test_learning_events_are_published(catalogue):
    WebhookEndpoint.objects.create(
        url="http://127.0.0.1:9/",
        event_types=["enrollment.created", "lesson.completed", "course.completed"],
    )
    course = build_course(catalogue, sections=1, lessons_per_section=1, slug="c")
    ada = learner()
    enrolled(ada, course)
    services.complete_lesson(ada, course.syllabus.lessons[0])

    assert list(
        WebhookDelivery.objects.order_by("pk").values_list("event_type", flat=True)
    ) == ["enrollment.created", "lesson.completed", "course.completed"]
