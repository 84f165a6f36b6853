"""Members hear of their seats' due dates, hourly (each reminder once)."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [
                (
                    "Remind members of their seats' due dates",
                    "organisations.tasks.send_due_reminders_task",
                    60,
                )
            ]
        ),
    ]
