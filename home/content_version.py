"""One number for the public content as it stands: cached pages, routes and
syllabuses are stored under it, and every change to the page tree (publish,
unpublish, move, delete), to sites or to settings takes a new one, so nothing
cached outlives what it was made from."""

import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

# A worker keeps a version it read for a moment, so most requests make no
# round trip to the cache for it: a change made in this worker counts at
# once, one made in another worker within LOCAL_SECONDS.
LOCAL_SECONDS = 1.0


class SharedVersion:
    """A version number kept in the cache under `key`, shared by every worker."""

    def __init__(self, key):
        self.key = key
        self._seen = (None, 0.0)  # (version, when this worker read it)

    def read(self):
        version, read_at = self._seen
        if version is not None and time.monotonic() - read_at < LOCAL_SECONDS:
            return version
        version = cache.get(self.key)
        if version is None:
            # First use, or the cache was emptied: start a new version. With
            # the cache unreachable every read is new, so nothing is stale.
            version = _now()
            cache.add(self.key, version, timeout=None)
        self._seen = (version, time.monotonic())
        return version

    def replace(self):
        version = _now()
        cache.set(self.key, version, timeout=None)
        self._seen = (version, time.monotonic())

    def forget_local(self):
        """Read from the cache next time (after emptying it)."""
        self._seen = (None, 0.0)


_content = SharedVersion("content-version")
# Read once per request by the page cache, then reused by every cache the
# request consults (route, site, syllabus), so one request sees one version.
_pinned = ContextVar("content_version", default=None)


def current():
    """The version now: microseconds since the epoch of the last change."""
    pinned = _pinned.get()
    return pinned if pinned is not None else _content.read()


def forget_local():
    """Read the version from the cache next time (after emptying it)."""
    _content.forget_local()


def pin():
    """Hold this request to one version; returns the token `unpin` takes."""
    return _pinned.set(current())


def unpin(token):
    _pinned.reset(token)


def changed(**_signal_kwargs):
    """Take a new version now, and again once the change is committed: a
    reader between the two may have stored the old content under the first."""
    _start_new()
    transaction.on_commit(_start_new)


def _start_new():
    _content.replace()


def _now():
    return time.time_ns() // 1000


def as_timestamp(version):
    """The moment a version began, for Last-Modified."""
    return version / 1_000_000


class VersionedMemo:
    """A small per-process LRU whose entries belong to one version: the
    content version, or the one `version` reads (the roles version)."""

    def __init__(self, size=20_000, version=None):
        self.size = size
        self.read_version = version or current
        self.version = None
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        version = self.read_version()
        with self.lock:
            if version != self.version:
                self.version = version
                self.entries.clear()
                return None
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value, version):
        with self.lock:
            if version != self.version:
                return  # the content changed while this was worked out
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def get_many(self, keys, load):
        """{key: value} for `keys`: those held, and the others worked out
        together by `load(missing keys)`, which returns {key: value}."""
        version = self.read_version()
        found, missing = {}, []
        for key in keys:
            value = self.get(key)
            if value is None:
                missing.append(key)
            else:
                found[key] = value
        for key, value in (load(missing) if missing else {}).items():
            self.put(key, value, version)
            found[key] = value
        return found

    def clear(self):
        with self.lock:
            self.version = None
            self.entries.clear()
