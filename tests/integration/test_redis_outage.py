"""Redis is a cache and a broker, not a single point of failure: with it
unreachable every main page and action still answers, quickly, below 500;
tasks wait in the outbox and go out exactly once when Redis is back; log-in
alone refuses, and says why."""

import time

import pytest
from django.conf import settings
from django.test import Client, override_settings

from courses.models import CoursePage
from coursesite.celery import app as celery_app
from home.models import OutboxTask
from home.outbox import flush_outbox
from learners.models import Enrollment
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.integration.conftest import reset_broker_connections, wait_for
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory
from tests.payments.factories import paid_course

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLOSED = "redis://127.0.0.1:1/0"
OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
REDIS_DOWN = {
    "REDIS_URL": CLOSED,
    "CACHES": {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CLOSED,
            "OPTIONS": {**OPTIONS, "IGNORE_EXCEPTIONS": True},
        },
        "strict": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CLOSED,
            "OPTIONS": OPTIONS,
        },
    },
}


@pytest.fixture
def site():
    catalogue = build_site().catalogue
    course = CoursePageFactory(parent=catalogue, slug="free", title="Free Course")
    section = SectionPageFactory(parent=course, slug="s")
    LessonPageFactory(parent=section, slug="one", free_preview=True)
    paid_course(catalogue, "paid", 4900)
    return course


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_with_redis_down_the_site_works_and_mail_follows_once(workers, site):
    user = learner(username="steady", email="steady@example.com")
    client = Client()
    client.force_login(user)
    workers.start()

    with override_settings(**REDIS_DOWN):
        celery_app.conf.broker_url = CLOSED
        reset_broker_connections()
        try:
            answers = [
                timed(lambda: Client().get("/")),
                timed(lambda: Client().get("/courses/")),
                timed(lambda: Client().get("/courses/free/")),
                timed(lambda: Client().get("/courses/free/s/one/")),
                timed(lambda: client.post("/courses/free/enroll/")),
                timed(lambda: client.post(f"/payments/checkout/{paid_id()}/")),
                timed(lambda: Client().get("/certificates/verify/AAAA-BBBB-CCCC/")),
            ]
            login = Client().post(
                "/accounts/login/",
                {"login": "steady@example.com", "password": "whatever"},
            )
        finally:
            celery_app.conf.broker_url = settings.CELERY_BROKER_URL
            reset_broker_connections()

    for response, seconds in answers:
        assert response.status_code < 500 and seconds < 2, (response, seconds)
    assert Enrollment.objects.filter(user=user, course=site).exists()
    assert login.status_code == 503 and login["Retry-After"]
    assert "Logging in is paused" in login.content.decode()
    waiting = OutboxTask.objects.filter(dispatched_at__isnull=True).count()
    assert waiting >= 1 and workers.emails() == []

    assert flush_outbox() == waiting  # Redis is back
    assert flush_outbox() == 0
    assert wait_for(lambda: len(workers.emails()) == 1)
    assert "You are enrolled in Free Course" in workers.emails()[0]


def paid_id():
    return CoursePage.objects.get(slug="paid").pk
