"""Course page views, counted in Redis with INCR (no database write on the
request) and moved to the daily stats table by a periodic flush."""

import logging
import threading
from collections import Counter
from functools import lru_cache

import redis
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from courses.models import CoursePage

from .models import CourseDay

PREFIX = "pageviews"
# Deletes a counter only if nothing was added since it was read as zero.
DELETE_IF_ZERO = """
if redis.call('GET', KEYS[1]) == '0' then return redis.call('DEL', KEYS[1]) end
return 0
"""

logger = logging.getLogger(__name__)
_local = Counter()  # without Redis (the laptop default): this process only
_local_lock = threading.Lock()


def _redis():
    return _client(settings.REDIS_URL) if settings.REDIS_URL else None


@lru_cache(maxsize=4)
def _client(url):
    # One connection pool per process, not one per page view.
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


def _key(course_id, date):
    return f"{PREFIX}:{course_id}:{date.isoformat()}"


def count_course_view(course_id):
    key = _key(course_id, timezone.localdate())
    client = _redis()
    if client is None:
        with _local_lock:
            _local[key] += 1
        return
    try:
        client.incr(key)
    except redis.RedisError:
        # A view not counted is better than a page not shown.
        logger.warning(
            "Redis unreachable; a page view of %s was not counted", course_id
        )


def pending_counts():
    """{key: count} not yet flushed."""
    client = _redis()
    if client is None:
        with _local_lock:
            return dict(_local)
    keys = list(client.scan_iter(match=f"{PREFIX}:*", count=1000))
    values = client.mget(keys) if keys else []
    return {
        key.decode(): int(value)
        for key, value in zip(keys, values, strict=True)
        if value
    }


def flush_page_views():
    """Add the counted views to CourseDay, then take exactly that many off the
    counters, so views counted meanwhile wait for the next flush."""
    counts = {key: n for key, n in pending_counts().items() if n > 0}
    with transaction.atomic():
        for key, count in counts.items():
            _prefix, course_id, date = key.split(":")
            _add_views(int(course_id), date, count)
        transaction.on_commit(lambda: _take_off(counts))
    return sum(counts.values())


def _add_views(course_id, date, count):
    if not CoursePage.objects.filter(pk=course_id).exists():
        return
    day, _created = CourseDay.objects.get_or_create(course_id=course_id, date=date)
    CourseDay.objects.filter(pk=day.pk).update(page_views=F("page_views") + count)


def _take_off(counts):
    client = _redis()
    if client is None:
        with _local_lock:
            _local.subtract(counts)
            for key in [k for k, v in _local.items() if v <= 0]:
                del _local[key]
        return
    delete_if_zero = client.register_script(DELETE_IF_ZERO)
    for key, count in counts.items():
        client.decrby(key, count)
        delete_if_zero(keys=[key])
