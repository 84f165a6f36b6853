"""Beat schedules of personal data: due erasures and expired downloads,
hourly."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0010_data_requests"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [
                ("Erase accounts due", "learners.tasks.erase_due_accounts_task", 60),
                (
                    "Expire data downloads",
                    "learners.tasks.expire_data_exports_task",
                    60,
                ),
            ]
        )
    ]
