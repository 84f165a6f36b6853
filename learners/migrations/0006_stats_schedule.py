"""Beat schedules of the analytics: page views every 5 minutes, course and
lesson aggregates every 15."""

from django.db import migrations

from home.schedules import interval_tasks


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0005_course_stats"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_tasks(
            [
                ("Flush course page views", "learners.tasks.flush_page_views_task", 5),
                (
                    "Refresh course statistics",
                    "learners.tasks.refresh_course_stats_task",
                    15,
                ),
            ]
        )
    ]
