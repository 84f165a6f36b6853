"""Learners hear of dripped lessons as they open, hourly."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0020_enrollment_cohort"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [
                (
                    "Tell learners of lessons that opened",
                    "learners.tasks.announce_openings_task",
                    60,
                )
            ]
        ),
    ]
