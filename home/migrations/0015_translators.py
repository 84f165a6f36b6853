"""Instructors and moderators may submit pages for translation."""

from django.db import migrations

from home.roles import ensure_role_groups


def give_translation(apps, schema_editor):
    ensure_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0014_review_threshold_label"),
        ("learners", "0002_roles"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(give_translation, migrations.RunPython.noop)]
