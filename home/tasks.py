"""Site-wide Celery tasks: sending e-mail and emptying the outbox."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from .outbox import flush_outbox
from .periodic import once_per

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 8}


@shared_task(name="home.tasks.send_email_task", acks_late=True, **RETRY)
def send_email_task(subject, text, html, recipients):
    message = EmailMultiAlternatives(subject, text, None, recipients)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@shared_task(name="home.tasks.flush_outbox_task")
@once_per(50)
def flush_outbox_task():
    """Send whatever the outbox kept while the broker was unreachable."""
    return flush_outbox()
