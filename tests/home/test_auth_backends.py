"""Logged-in sessions: the user is read with compiled SQL, and sessions made
before the site's own backends stay logged in."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.learners.factories import learner

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "home.migrations.0008_sessions_name_the_compiled_user_backends"
)


def session_backend(client):
    return client.session[BACKEND_SESSION_KEY]


def test_a_login_through_the_site_names_the_sites_backend(client):
    learner(username="ada", email="ada@example.com", password="a long passphrase")

    response = client.post(
        "/accounts/login/",
        {"login": "ada@example.com", "password": "a long passphrase"},
    )

    assert response.status_code == 302
    assert session_backend(client) == "home.auth_backends.AccountBackend"
    assert client.get("/dashboard/").status_code == 200


def test_the_session_user_is_read_with_one_query_of_its_own(client):
    user = learner()
    client.force_login(user)
    client.get("/dashboard/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/dashboard/")

    reads = [q["sql"] for q in queries.captured_queries if '"auth_user"' in q["sql"]]
    assert len([sql for sql in reads if sql.startswith('SELECT "auth_user"')]) == 1


def test_a_deactivated_learner_is_logged_out_on_the_next_request(client):
    user = learner()
    client.force_login(user)
    user.is_active = False
    user.save()

    response = client.get("/dashboard/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_changed_password_logs_out_the_other_sessions(client):
    user = learner()
    client.force_login(user)
    user.set_password("a brand new passphrase")
    user.save()

    assert client.get("/dashboard/").status_code == 302


@pytest.mark.parametrize("old", sorted(MIGRATION.OLD_TO_NEW))
def test_a_session_made_before_the_sites_backends_stays_logged_in(client, old):
    client.force_login(learner(), backend=old)
    assert client.get("/dashboard/").status_code == 302  # what the rename cures

    MIGRATION.forwards(apps, None)

    assert session_backend(client) == MIGRATION.OLD_TO_NEW[old]
    assert client.get("/dashboard/").status_code == 200


def test_the_rename_drops_the_cached_copy_and_can_be_undone(client):
    old = "django.contrib.auth.backends.ModelBackend"
    client.force_login(learner(), backend=old)
    key = client.session.session_key
    cache = caches[settings.SESSION_CACHE_ALIAS]
    prefix = "django.contrib.sessions.cached_db"
    cache.set(prefix + key, {"stale": True})

    MIGRATION.forwards(apps, None)
    assert cache.get(prefix + key) is None
    MIGRATION.backwards(apps, None)

    data = Session.objects.get(session_key=key).get_decoded()
    assert data[BACKEND_SESSION_KEY] == old
