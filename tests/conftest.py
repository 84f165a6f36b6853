"""Fixtures every test may use (a private media folder, a clean cache, a
site), and helpers: a periodic task run, work released in parallel."""

import threading
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.db import connection

from home import content_version, roles
from tests.courses.factories import build_site


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test land in its own folder, never in media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches site root paths, periodic tasks their locks; neither may
    carry over between tests."""
    for alias in ("default", "strict"):
        caches[alias].clear()
    content_version.forget_local()
    roles.forget_local()
    yield
    for alias in ("default", "strict"):
        caches[alias].clear()
    content_version.forget_local()
    roles.forget_local()


@pytest.fixture
def still_clock(monkeypatch):
    """Rate limits count in the clock's fixed windows (home/window_counter.py):
    hold the clock still, so a slow run cannot cross into the next window
    half-way through a test."""
    monkeypatch.setattr(
        "home.window_counter.time", SimpleNamespace(time=lambda: 1_800_000_030.0)
    )


def in_parallel(count, work):
    """Run work(i) in `count` threads released together; collect the results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_periodic(task):
    """Run a periodic task as its next scheduled run: its lock from an
    earlier run in the same test is gone, as it would be by then."""
    caches["strict"].delete(task.run.lock_key)
    return task.apply().get()


@pytest.fixture
def site(db):
    """A home page and catalogue under Wagtail's root, as the default site."""
    return build_site()


@pytest.fixture
def catalogue(site):
    return site.catalogue


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = "redis" if settings.REDIS_URL else "local memory"
    return f"database: {database}, cache: {cache}"


def pytest_collection_modifyitems(config, items):
    """Row locks, real concurrency and worker processes need PostgreSQL and
    Redis; CI runs these there."""
    from django.conf import settings

    if connection.vendor == "postgresql" and settings.REDIS_URL:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
