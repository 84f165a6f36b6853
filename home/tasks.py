"""Site-wide Celery tasks: sending e-mail, emptying the outbox and sending
webhooks."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from .outbox import flush_outbox
from .periodic import once_per
from .webhooks import deliver, deliver_due

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


@shared_task(name="home.tasks.deliver_webhook_task", acks_late=True)
def deliver_webhook_task(delivery_id):
    """One try; a failed one is tried again by `deliver_due_webhooks_task`."""
    return deliver(delivery_id)


@shared_task(name="home.tasks.deliver_due_webhooks_task")
@once_per(50)
def deliver_due_webhooks_task():
    """Retries whose time has come, every minute."""
    return deliver_due()
