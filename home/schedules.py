"""Beat schedules created by data migrations: one helper, so each app's
migration only lists its (name, task, every N minutes)."""

from django.db import migrations


def interval_tasks(schedules):
    """A RunPython operation that creates (and on reverse removes) periodic
    tasks in django-celery-beat's tables."""

    def create(apps, schema_editor):
        IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        for name, task, minutes in schedules:
            interval, _ = IntervalSchedule.objects.get_or_create(
                every=minutes, period="minutes"
            )
            PeriodicTask.objects.update_or_create(
                name=name,
                defaults={"task": task, "interval": interval, "enabled": True},
            )

    def remove(apps, schema_editor):
        names = [name for name, _task, _minutes in schedules]
        apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
            name__in=names
        ).delete()

    return migrations.RunPython(create, remove)
