"""The Celery app; runs tasks eagerly in-process when no REDIS_URL is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings.production")

app = Celery("coursesite")
# Every CELERY_* Django setting configures Celery; the eager switch lives there.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
