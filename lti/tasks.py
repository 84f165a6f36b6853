"""Celery tasks of LTI: a learner's results read again after a learning
event, and each sent to the platform's gradebook, retried while the
platform is away. Each takes ids and re-reads its rows."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from home.periodic import once_per
from home.tasks import RETRY

from .models import UsedNonce
from .services.grades import record_results_for, send_score


@shared_task(name="lti.tasks.send_score_task", acks_late=True, **RETRY)
def send_score_task(report_id):
    return send_score(report_id)


@shared_task(name="lti.tasks.record_results_task", acks_late=True, **RETRY)
def record_results_task(user_id, course_id):
    record_results_for(user_id, course_id)


# A launch's id_token lives minutes; its nonce is kept a day, long past any
# replay pylti1p3 would still accept.
NONCE_MEMORY = timedelta(days=1)


@shared_task(name="lti.tasks.forget_used_nonces_task")
@once_per(50 * 60)
def forget_used_nonces_task():
    gone, _by_model = UsedNonce.objects.filter(
        used_at__lt=timezone.now() - NONCE_MEMORY
    ).delete()
    return gone
