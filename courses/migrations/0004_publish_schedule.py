"""Runs Wagtail's scheduled publishing every minute through beat."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_editorial_workflow"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [
                (
                    "Publish scheduled courses and lessons",
                    "courses.tasks.publish_scheduled_task",
                    1,
                )
            ]
        )
    ]
