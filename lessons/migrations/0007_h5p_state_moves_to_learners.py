"""The learner's H5P state moves to `learners` (learner state lives there).
Only Django's picture of the models changes; the table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("lessons", "0006_video_captions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="H5PState")],
            database_operations=[],
        )
    ]
