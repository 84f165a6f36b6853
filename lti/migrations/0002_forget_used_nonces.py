"""Used launch nonces are forgotten after a day, hourly."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("lti", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [("Forget used LTI launch nonces", "lti.tasks.forget_used_nonces_task", 60)]
        ),
    ]
