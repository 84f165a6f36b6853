"""A GIN index for the full-text search of a course's questions, on
PostgreSQL only (SQLite, the embedded default, searches without one). Its
expression is the one community/services/listing.py queries with."""

from django.db import migrations

INDEX = """
CREATE INDEX IF NOT EXISTS question_search ON community_question
USING gin (to_tsvector('english'::regconfig,
    COALESCE(title, '') || ' ' || COALESCE(body, '')))
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS question_search")


class Migration(migrations.Migration):
    dependencies = [("community", "0005_achievements")]

    operations = [migrations.RunPython(create, remove)]
