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


def test_production_refuses_debug_and_a_weak_secret_key(settings):
    from home.checks import check_production_basics

    settings.PRODUCTION, settings.DEBUG = True, True
    settings.SECRET_KEY = "test-only-insecure-key"
    settings.PAYMENTS_OFFLINE_GATEWAY, settings.STRIPE_SECRET_KEY = True, ""
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.JSONLD_CONTEXTS_FILE = "/nonexistent/contexts.json"

    ids = {problem.id for problem in check_production_basics()}

    assert ids == {"home.E001", "home.E002", "home.E003", "home.W001", "home.W002"}


def test_a_production_site_set_up_properly_passes(settings):
    from home.checks import check_production_basics

    settings.PRODUCTION, settings.DEBUG = True, False
    settings.SECRET_KEY = "k" + "".join(chr(65 + n % 50) for n in range(60))
    settings.PAYMENTS_OFFLINE_GATEWAY, settings.STRIPE_SECRET_KEY = False, "sk_live_x"
    settings.CREDENTIAL_SIGNING_KEY = "A" * 43

    assert check_production_basics() == []


def test_check_deploy_is_clean_with_the_production_settings():
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    # The browser tests allow sync ORM calls in their event loop; a
    # deployment must not, and check --deploy says so.
    inherited = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "coursesite.settings.production",
        "SECRET_KEY": "a-real-looking-secret-key-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "courses.example.com",
        "SITE_URL": "https://courses.example.com",
        "DATABASE_URL": "sqlite:///:memory:",
        "STRIPE_SECRET_KEY": "sk_test_deploy_check",
        "STRIPE_WEBHOOK_SECRET": "whsec_deploy_check",
        "CREDENTIAL_SIGNING_KEY": "c2lnbmluZy1rZXktZm9yLXRoZS1kZXBsb3ktY2hlY2s",
        "REDIS_URL": "",
    }
    result = subprocess.run(  # this interpreter, fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_sqlite_serves_several_workers_without_locking_errors(monkeypatch):
    import environ

    from coursesite.settings import stores

    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/site.sqlite3")
    config = stores.database(environ.Env(), settings.BASE_DIR)

    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


def test_production_without_redis_shares_its_cache_between_workers(tmp_path):
    from coursesite.settings import stores

    caches = stores.caches("", shared_dir=tmp_path)

    assert caches["default"]["BACKEND"].endswith("FileBasedCache")
    assert caches["strict"]["LOCATION"] != caches["default"]["LOCATION"]
