"""Beat schedules of the analytics: page views every 5 minutes, course and
lesson aggregates every 15."""

from django.db import migrations

SCHEDULES = [
    ("Flush course page views", "learners.tasks.flush_page_views_task", 5),
    ("Refresh course statistics", "learners.tasks.refresh_course_stats_task", 15),
]


def create_schedules(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minutes in SCHEDULES:
        interval, _ = IntervalSchedule.objects.get_or_create(
            every=minutes, period="minutes"
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "interval": interval, "enabled": True}
        )


def remove_schedules(apps, schema_editor):
    names = [name for name, _task, _minutes in SCHEDULES]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=names
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0005_course_stats"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
