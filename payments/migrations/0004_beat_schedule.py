"""The periodic task that looks after open orders and lapsed subscriptions."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0003_commerce"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [
                (
                    "Remind, expire and re-check open orders and subscriptions",
                    "payments.tasks.tend_open_orders_task",
                    10,
                )
            ]
        )
    ]
