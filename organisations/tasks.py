"""Celery tasks of organisations: an invitation's e-mail, and the daily
due-date reminders. Each takes ids and re-reads its rows."""

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from home.periodic import once_per
from home.tasks import RETRY, send_email_task

from .models import Invitation
from .services.reminders import send_due_reminders


@shared_task(name="organisations.tasks.send_invitation_task", acks_late=True, **RETRY)
def send_invitation_task(invitation_id):
    """The invited person may have no account yet, so this is not a learner
    notification: it goes to the address as written."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.SITE_URL,
        "url": settings.SITE_URL
        + reverse("organisations:invitation", args=[invitation.token]),
    }
    subject = render_to_string("emails/organisation_invitation_subject.txt", context)
    send_email_task(
        subject.strip(),
        render_to_string("emails/organisation_invitation.txt", context),
        render_to_string("emails/organisation_invitation.html", context),
        [invitation.email],
    )
    return True


@shared_task(name="organisations.tasks.send_due_reminders_task")
@once_per(55 * 60)
def send_due_reminders_task():
    return send_due_reminders()
