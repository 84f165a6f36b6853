"""The benchmark's own database and the site in it: a 10-lesson and a
1,000-lesson course, a paid course, the demo's badges, and a learner
enrolled in both, with the points and badges their lessons earned."""

import os
import re
import tempfile
from pathlib import Path

CSRF_SECRET = "benchcsrfsecret0123456789abcdefg"  # 32 characters, as Django's
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def fresh_postgres_database(url, suffix):
    """A new, empty database beside the one `url` names; returns its URL."""
    import psycopg

    base, name = url.rsplit("/", 1)
    fresh = f"{name}{suffix}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        connection.execute(f'CREATE DATABASE "{fresh}"')
    return f"{base}/{fresh}"


def bench_database_url():
    """A database of the benchmark's own, never the one DATABASE_URL names."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return fresh_postgres_database(url, "_bench")
    folder = Path(tempfile.mkdtemp(prefix="coursewright-bench-"))
    return f"sqlite:///{folder / 'bench.sqlite3'}"


def bench_redis_url():
    """Database 7 of the configured Redis (emptied), or none."""
    url = os.environ.get("REDIS_URL", "")
    return re.sub(r"/\d*$", "", url) + "/7" if url else ""


def configure_environment():
    """The production settings, as a site on this machine runs them."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        REDIS_URL=bench_redis_url(),
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS=f"{HOST},testserver,localhost",
        SITE_URL=f"http://{HOST}:{PORT}",
        SECURE_SSL_REDIRECT="false",
        OFFLINE_GATEWAY="true",
        LOG_LEVEL="WARNING",
        EMAIL_URL="dummymail://",
        # Its pictures (badges) never land beside the demo's.
        MEDIA_ROOT=tempfile.mkdtemp(prefix="coursewright-bench-media-"),
    )
    if os.environ["REDIS_URL"]:
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def build():
    """Migrate, then make the courses and the learner; returns what the
    runs need (paths and the learner's cookies)."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    from django.core.cache import caches

    for alias in ("default", "strict"):
        caches[alias].clear()

    # The test factories build the tree exactly as the editor does.
    from django.test import Client

    from learners import services
    from tests.courses.factories import build_course, build_site
    from tests.learners.factories import enrolled, learner

    catalogue = build_site().catalogue
    # One learner checks out hundreds of times a second here: the card-testing
    # limits would refuse all but the first few (429s, counted as errors).
    from wagtail.models import Site

    from payments.models import CheckoutLimits

    limits = CheckoutLimits.for_site(Site.objects.get(is_default_site=True))
    limits.enabled = False
    limits.save()
    small = build_course(catalogue, sections=1, lessons_per_section=10, slug="small")
    big = build_course(catalogue, sections=10, lessons_per_section=100, slug="big")
    paid = build_course(
        catalogue,
        sections=1,
        lessons_per_section=3,
        slug="paid",
        pricing_type="paid",
        price=4900,
        currency="USD",
    )
    preview = small.syllabus.lessons[0]
    preview.free_preview = True
    preview.save_revision().publish()
    for course in (small, big):
        course.sequential_lessons = False
        course.save_revision().publish()

    from demo.achievements import make_badges

    make_badges()
    user = learner(username="bench-learner")
    # The points, streak and badges the learning earns are worked out now,
    # as a worker would, so the dashboard shows them.
    from celery import current_app

    current_app.conf.task_always_eager = True
    for course in (small, big):
        enrolled(user, course)
        for lesson in course.syllabus.lessons[:3]:
            services.complete_lesson(user, lesson)
    current_app.conf.task_always_eager = False
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    return {
        "small": small,
        "big": big,
        "paid": paid,
        "preview": preview,
        "category": f"{catalogue.url}category/{small.category.slug}/",
        "instructor": small.instructor_url,
        "catalogue": catalogue.url,
        "cookie": f"sessionid={session}; csrftoken={CSRF_SECRET}",
        "client": client,
    }
