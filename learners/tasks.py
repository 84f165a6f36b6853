"""Celery tasks of learning: certificates, learner e-mail and xAPI
statements. Each takes ids,
re-reads its rows and can run twice without doing anything twice."""

from celery import shared_task
from django.db import transaction

from courses.models import CoursePage
from courses.translations import originals
from home.periodic import once_per
from home.tasks import RETRY, send_email_task

from . import xapi
from .api.idempotency import purge_expired
from .emails import render_learner_email
from .models import SentEmail
from .notifications import notify_new_lesson, send_digests
from .pageviews import flush_page_views
from .services.certificates import issue_certificate
from .services.openings import announce_openings
from .services.privacy import build_export, erase_due_accounts, expire_exports
from .services.programmes import complete_programmes_for
from .stats import refresh_course_stats


@shared_task(name="learners.tasks.issue_certificate_task", acks_late=True, **RETRY)
def issue_certificate_task(enrollment_id):
    certificate = issue_certificate(enrollment_id)
    return certificate.verification_code if certificate else None


@shared_task(name="learners.tasks.complete_programmes_task", acks_late=True, **RETRY)
def complete_programmes_task(enrollment_id):
    """After a course is completed: the programmes it completes, certified."""
    with transaction.atomic():
        done = complete_programmes_for(enrollment_id)
    return [certificate.verification_code for certificate in done]


@shared_task(name="learners.tasks.send_learner_email_task", acks_late=True, **RETRY)
def send_learner_email_task(kind, user_id, object_id):
    with transaction.atomic():
        _record, created = SentEmail.objects.get_or_create(
            kind=kind, user_id=user_id, object_id=object_id
        )
        if not created:
            return False
        # A failure here rolls the record back, so the retry sends it.
        send_email_task(*render_learner_email(kind, user_id, object_id))
    return True


@shared_task(name="learners.tasks.flush_page_views_task")
@once_per(4 * 60)
def flush_page_views_task():
    return flush_page_views()


@shared_task(name="learners.tasks.refresh_course_stats_task")
@once_per(14 * 60)
def refresh_course_stats_task():
    """One short task per course rather than one long one, so a worker that
    dies loses one course's refresh, and the visibility timeout can stay
    short."""
    ids = list(originals(CoursePage.objects.live()).values_list("pk", flat=True))
    for course_id in ids:
        refresh_one_course_stats_task.delay(course_id)
    return len(ids)


@shared_task(name="learners.tasks.refresh_one_course_stats_task")
def refresh_one_course_stats_task(course_id):
    refresh_course_stats(course_id)
    return course_id


@shared_task(name="learners.tasks.build_data_export_task", acks_late=True, **RETRY)
def build_data_export_task(export_id):
    export = build_export(export_id)
    return export.size if export else None


@shared_task(name="learners.tasks.announce_openings_task")
@once_per(55 * 60)
def announce_openings_task():
    """Dripped lessons and cohorts open at the start of a day somewhere
    every hour."""
    return announce_openings()


@shared_task(name="learners.tasks.erase_due_accounts_task")
@once_per(55 * 60)
def erase_due_accounts_task():
    """Each account in its own transaction, so one that cannot be erased yet
    does not hold back the others."""
    return erase_due_accounts()


@shared_task(name="learners.tasks.expire_data_exports_task")
@once_per(55 * 60)
def expire_data_exports_task():
    return expire_exports()


@shared_task(name="learners.tasks.purge_idempotency_keys_task")
@once_per(55 * 60)
def purge_idempotency_keys_task():
    """The API's Idempotency-Keys are kept for a day."""
    return purge_expired()


@shared_task(name="learners.tasks.notify_new_lesson_task", acks_late=True, **RETRY)
def notify_new_lesson_task(lesson_id):
    return notify_new_lesson(lesson_id)


@shared_task(name="learners.tasks.send_digests_task", acks_late=True)
@once_per(23 * 60 * 60)
def send_digests_task():
    """The daily digest: one e-mail per person who chose it."""
    return send_digests()


@shared_task(name="learners.tasks.send_xapi_statement_task", acks_late=True, **RETRY)
def send_xapi_statement_task(source, pk):
    """One statement to the LRS; a retry sends the same statement id, which
    the store keeps once."""
    return xapi.send_statement(source, pk)
