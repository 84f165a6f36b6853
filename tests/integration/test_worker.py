"""Real Celery workers on Redis: certificates and mail, exactly once, even when
a worker dies mid-task or the broker is away."""

import io
import threading

import psycopg
import pytest
from pypdf import PdfReader

from coursesite.celery import app as celery_app
from home.models import OutboxTask
from home.outbox import flush_outbox
from learners import services
from learners.models import Certificate, Enrollment, SentEmail
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.integration.conftest import database_url, reset_broker_connections, wait_for
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course():
    catalogue = build_site().catalogue
    course = CoursePageFactory(parent=catalogue, slug="bees", title="Beekeeping Basics")
    section = SectionPageFactory(parent=course, slug="hive")
    for slug in ("frames", "smoke"):
        LessonPageFactory(parent=section, slug=slug)
    return course


def complete_course(user, course):
    for lesson in course.syllabus.lessons:
        services.complete_lesson(user, lesson)


def certificate_emails(workers):
    return [mail for mail in workers.emails() if "Your certificate for" in mail]


def test_completing_the_course_gives_one_certificate_and_one_email(workers, course):
    workers.start()
    user = learner(username="keeper", first_name="Ama", last_name="Owusu")
    enrolled(user, course)

    complete_course(user, course)

    done = wait_for(lambda: SentEmail.objects.filter(kind="course_completed").exists())
    assert done, workers.logs()
    certificate = Certificate.objects.get()
    assert len(certificate_emails(workers)) == 1, workers.emails() or workers.logs()
    with certificate.pdf.open("rb") as handle:
        text = " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages
        )
    assert "Ama Owusu" in text and "Beekeeping Basics" in text
    assert certificate.verification_code in text


def test_a_worker_killed_mid_task_leaves_the_certificate_to_the_next(workers, course):
    user = learner(username="steady")
    enrollment = enrolled(user, course)
    complete_course(user, course)  # the task now waits in Redis, no worker yet

    with psycopg.connect(
        database_url().replace("postgres://", "postgresql://")
    ) as lock:
        lock.execute(
            "SELECT 1 FROM learners_enrollment WHERE id = %s FOR UPDATE",
            [enrollment.pk],
        )
        first = workers.start()
        # The task has started: it is waiting for the enrolment row we hold.
        assert wait_for(waiting_on_lock, seconds=30), workers.logs()
        workers.kill(first)
        lock.rollback()

    workers.start()

    assert wait_for(
        lambda: SentEmail.objects.filter(kind="course_completed").exists(), 90
    )
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert len(certificate_emails(workers)) == 1


def waiting_on_lock():
    # A connection of its own: inside a transaction PostgreSQL would show a
    # frozen snapshot of pg_stat_activity.
    with psycopg.connect(postgres_url(), autocommit=True) as watcher:
        row = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query ILIKE '%learners_enrollment%'"
        ).fetchone()
    return row[0] > 0


def postgres_url():
    return database_url().replace("postgres://", "postgresql://", 1)


def test_enrolment_works_with_the_broker_down_and_mail_follows(workers, course):
    workers.start()
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # Redis is unreachable
    reset_broker_connections()
    try:
        outcome = services.enroll(
            learner(username="offline"), course, Enrollment.Source.FREE
        )
    finally:
        celery_app.conf.broker_url = saved
        reset_broker_connections()

    assert outcome.created
    assert OutboxTask.objects.filter(dispatched_at__isnull=True).count() == 1
    assert workers.emails() == []

    assert flush_outbox() == 1  # the broker is back
    assert wait_for(lambda: len(workers.emails()) == 1)
    assert "You are enrolled in Beekeeping Basics" in workers.emails()[0]


def test_two_parallel_issues_make_one_certificate(course):
    user = learner(username="twice")
    enrollment = enrolled(user, course)
    complete_course(user, course)
    Certificate.objects.all().delete()
    barrier = threading.Barrier(2)
    results = []

    def issue():
        from django.db import connection

        from learners.services.certificates import issue_certificate

        try:
            barrier.wait()
            results.append(issue_certificate(enrollment.pk).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(set(results)) == 1
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
