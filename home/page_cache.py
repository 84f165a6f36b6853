"""Anonymous visitors get public pages from a shared cache: a stored response
is replayed before sessions, routing or templates run. Pages opt in with
`mark_public`; everything is stored under the content version, so a publish,
unpublish, move or price change shows at once (see home/content_version.py).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import content_version
from .locale_middleware import language_of_path

SAFE_METHODS = ("GET", "HEAD")
# What a page does on every view, replayed when it comes from the cache
# (a course page counts its view): {name: handler}, filled by the apps.
_replays = {}


def on_replay(name, handler):
    """`handler(*args)` runs each time a page that asked for `name` is
    served from the cache (see `replay_later`)."""
    _replays[name] = handler


def replay_later(request, name, *args):
    """Ask for `name` to run again on every replay of this response; the
    caller has done it once itself, for this request."""
    request.__dict__.setdefault("_page_cache_replays", []).append((name, args))


# Headers a replay must not repeat: they belong to the first response only.
NOT_STORED = {"set-cookie", "date", "content-length"}


def mark_public(response):
    """This response is the same for every anonymous visitor: shared caches
    (ours and a CDN's) may keep it; browsers revalidate it with its ETag."""
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
    )
    response.shared_page = True  # what the middleware looks for
    return response


def mark_private(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response


def is_marked_public(response):
    return getattr(response, "shared_page", False)


def _is_anonymous_request(request):
    # Decided from the cookies alone, before any session is read: a visitor
    # with a session (logged in, or with a message waiting) is never served a
    # shared page.
    return not any(
        name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages")
    )


def _key(request, version):
    gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        language_of_path(request.path_info),
        "gzip" if gzip else "",
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{version}:{digest}"


def _shareable(request, response):
    """Only a finished 200 that set no cookie and used no CSRF token is the
    same for everyone."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
    )


def _stamp(response, version):
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    response["Last-Modified"] = http_date(content_version.as_timestamp(version))


def _replay(request, entry):
    status, headers, content, *rest = entry
    for name, args in rest[0] if rest else ():
        _replays[name](*args)
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    conditional = get_conditional_response(
        request, etag=response["ETag"], response=response
    )
    return conditional


class AnonymousPageCacheMiddleware:
    """Serves and stores public pages for visitors without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every request reads the content version once, here, and every cache
        # it consults later (site, routes, syllabus) uses that one.
        token = content_version.pin()
        try:
            if request.method in SAFE_METHODS and _is_anonymous_request(request):
                return self._serve(request, content_version.current())
            return self.get_response(request)
        finally:
            content_version.unpin(token)

    def _serve(self, request, version):
        key = _key(request, version)
        entry = cache.get(key)
        if entry is not None:
            return _replay(request, entry)
        response = self.get_response(request)
        if not is_marked_public(response):
            return response
        if not _shareable(request, response):
            # Marked public, yet it carries something of this visitor's.
            del response["Cache-Control"]
            return mark_private(response)
        _stamp(response, version)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in NOT_STORED
        ]
        replays = getattr(request, "_page_cache_replays", [])
        cache.set(
            key,
            (response.status_code, headers, response.content, replays),
            settings.PAGE_CACHE_SECONDS,
        )
        return get_conditional_response(
            request, etag=response["ETag"], response=response
        )
