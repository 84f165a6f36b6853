"""Periodic course jobs: publishing what editors scheduled."""

from celery import shared_task
from django.core.management import call_command

from home.periodic import once_per


@shared_task(name="courses.tasks.publish_scheduled_task")
@once_per(50)
def publish_scheduled_task():
    """Wagtail's scheduled publishing (go-live and expiry dates of courses and
    lessons); running it twice publishes nothing twice."""
    call_command("publish_scheduled")
