"""Side effects survive a broker outage: recorded in the outbox, sent later."""

import pytest
from django.test import TestCase

from coursesite.celery import app as celery_app
from home.models import OutboxTask
from home.outbox import flush_outbox
from learners import services
from learners.models import Enrollment
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.integration.conftest import reset_broker_connections
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down():
    """Point Celery at a closed port, as if Redis had stopped."""
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    reset_connections()
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    reset_connections()


def reset_connections():
    reset_broker_connections()


def test_enrolment_succeeds_while_the_broker_is_down_and_mail_follows(
    catalogue, broker_down, mailoutbox
):
    course = CoursePageFactory(parent=catalogue, slug="ok", title="Resilience")
    LessonPageFactory(parent=SectionPageFactory(parent=course), slug="one")
    user = learner(username="patient")

    with TestCase.captureOnCommitCallbacks(execute=True):
        outcome = services.enroll(user, course, Enrollment.Source.FREE)

    assert outcome.created
    pending = OutboxTask.objects.get()
    assert pending.dispatched_at is None and pending.attempts == 1
    assert pending.last_error
    assert mailoutbox == []

    # While it is down, requests do not wait on the broker again.
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.enroll(learner(username="second"), course, Enrollment.Source.FREE)
    assert OutboxTask.objects.filter(attempts=0).count() == 1

    celery_app.conf.task_always_eager = True  # the broker is back

    assert flush_outbox() == 2
    assert [m.subject for m in mailoutbox] == ["You are enrolled in Resilience"] * 2
    pending.refresh_from_db()
    assert pending.dispatched_at is not None
    assert flush_outbox() == 0


def test_a_periodic_task_sent_twice_in_its_interval_runs_once():
    from home.tasks import flush_outbox_task

    first = flush_outbox_task.apply().get()
    second = flush_outbox_task.apply().get()

    assert first == 0
    assert second == {"skipped": "already ran in this interval"}


def test_two_beats_sending_the_same_task_at_once_run_it_once():
    import threading

    from home.periodic import once_per

    runs = []

    @once_per(60)
    def job():
        runs.append(1)
        return "ran"

    barrier = threading.Barrier(8)

    def beat():
        barrier.wait()
        job()

    threads = [threading.Thread(target=beat) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(runs) == 1


def test_a_periodic_run_that_failed_leaves_the_interval_free_for_its_retry():
    from home.periodic import once_per

    calls = []

    @once_per(60)
    def job():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return "ran"

    with pytest.raises(RuntimeError):
        job()

    assert job() == "ran" and len(calls) == 2
