"""`make bench` serves the site's own routes beside its bare floor view, and
counts queries alike on both databases."""

from django.test import override_settings
from django.urls import resolve
from django.utils import translation


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_benchmark_routes_the_site_and_its_floor():
    assert resolve("/bench/bare/").func.__name__ == "bare"
    assert resolve("/lessons/7/progress/").url_name == "lesson_progress"
    # A prefixed address resolves while its language is active, as the
    # locale middleware makes it.
    with translation.override("fr"):
        assert resolve("/fr/dashboard/").url_name == "dashboard"


def test_the_benchmark_counts_transaction_statements_apart_from_queries():
    from bench.__main__ import is_transaction_statement

    assert is_transaction_statement("BEGIN IMMEDIATE")
    assert is_transaction_statement("COMMIT")
    assert not is_transaction_statement('UPDATE "learners_lessonprogress" SET ...')
    assert not is_transaction_statement('SELECT "begin_at" FROM "x"')
