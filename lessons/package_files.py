"""What the H5P and SCORM players share: a URL on the content origin, the
signed token a sandboxed frame carries instead of a cookie, and a package
file sent so that it runs nothing on its own and any origin may read it."""

import mimetypes
import posixpath
import re

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect

from home.files import storage_is_local

# Long enough for a long sitting; a new page view mints a new one.
TOKEN_MAX_AGE = 8 * 3600
# A package file opened on its own (an SVG, an HTML page) runs nothing.
FILE_SANDBOX = "sandbox"

CONTENT_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
}


HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
HTML_TAG = re.compile(rb"<html(\s[^>]*)?>", re.IGNORECASE)


def in_head(page, snippet):
    """An HTML page (bytes) with `snippet` first in its head, before any
    script of its own."""
    for pattern in (HEAD, HTML_TAG):
        match = pattern.search(page, 0, 64 * 1024)
        if match:
            return page[: match.end()] + snippet + page[match.end() :]
    return snippet + page


def content_url(path):
    """A URL on the content origin (the site itself when none is set)."""
    return f"{settings.CONTENT_ORIGIN}{path}" if settings.CONTENT_ORIGIN else path


def sign(values, salt):
    return signing.dumps(values, salt=salt, compress=False)


def unsign(token, salt):
    """The signed list, or 404 for a forged or expired token."""
    try:
        values = signing.loads(token, salt=salt, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    if not isinstance(values, list):
        raise Http404
    return values


def clean_path(path):
    """`path` inside a package, or 404 for anything that would leave it."""
    clean = posixpath.normpath(path)
    if clean.startswith(("..", "/")) or clean != path:
        raise Http404
    return clean


def content_type_of(name):
    extension = posixpath.splitext(name)[1].lower()
    return (
        CONTENT_TYPES.get(extension)
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )


def file_response(name):
    """One stored package file."""
    if not storage_is_local(default_storage):
        # A signed URL that expires in minutes (the bucket needs CORS for fetch).
        return redirect(default_storage.url(name))
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=content_type_of(name)
    )
    return shared_headers(response, FILE_SANDBOX)


def shared_headers(response, policy):
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = policy
    response["X-Content-Type-Options"] = "nosniff"
    # The player's opaque origin fetches files; the token in the URL is the
    # credential, so any origin may read what it opens.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
