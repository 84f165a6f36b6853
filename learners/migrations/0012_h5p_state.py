"""The learner's H5P state, moved here from `lessons` with its table
(`lessons_h5pstate`) and its rows untouched."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0011_privacy_schedules"),
        ("lessons", "0007_h5p_state_moves_to_learners"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="H5PState",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("block_id", models.CharField(max_length=64)),
                        ("state", models.TextField()),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "enrollment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="learners.enrollment",
                            ),
                        ),
                        (
                            "lesson",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="lessons.lessonpage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "lessons_h5pstate",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("enrollment", "lesson", "block_id"),
                                name="one_h5p_state",
                            )
                        ],
                    },
                )
            ],
            database_operations=[],
        )
    ]
