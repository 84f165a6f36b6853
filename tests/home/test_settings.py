"""Settings come from the environment; production refuses to start without secrets."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.conf import settings
from coursesite import celery_app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "eager": celery_app.conf.task_always_eager,
    "broker": celery_app.conf.broker_url,
    "debug": settings.DEBUG,
    "site_url": settings.SITE_URL,
}))
"""


def probe(settings_module, **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SITE_URL", "DEBUG"}
    }
    result = subprocess.run(  # noqa: S603 - runs this interpreter on fixed code
        [sys.executable, "-c", PROBE],
        env={**clean_env, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result


def test_the_laptop_defaults_are_sqlite_local_cache_and_eager_tasks():
    result = probe("coursesite.settings.dev")

    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["eager"] is True
    assert values["debug"] is True


def test_database_and_redis_urls_switch_to_postgres_redis_and_a_real_broker():
    result = probe(
        "coursesite.settings.dev",
        DATABASE_URL="postgres://learner@db.internal:5432/courses",
        REDIS_URL="redis://cache.internal:6379/2",
        SITE_URL="https://learn.example.org/",
    )

    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "courses"
    assert values["cache"].endswith("RedisCache")
    assert values["eager"] is False
    assert values["broker"] == "redis://cache.internal:6379/2"
    assert values["site_url"] == "https://learn.example.org"


def test_production_will_not_start_without_a_secret_key():
    result = probe(
        "coursesite.settings.production",
        ALLOWED_HOSTS="learn.example.org",
        SITE_URL="https://learn.example.org",
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
