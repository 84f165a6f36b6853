"""The H5P player runs instructor-supplied JavaScript, so it never runs as
the site: it plays in a sandboxed frame (an opaque origin, optionally on a
separate content host) that loads the package through a signed, expiring
URL instead of the learner's cookies, and talks to the lesson page only by
`postMessage`."""

import mimetypes
import posixpath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from home.files import storage_is_local
from home.roles import is_staff_member

from .models import H5PPackage, lessons_using
from .seams import learner_side

SIGNING_SALT = "coursewright.h5p-player"
# Long enough for a long sitting; a new page view mints a new one.
TOKEN_MAX_AGE = 8 * 3600

# Scripts run in the player, not as the site: no same-origin, so no cookies,
# no storage and no readable responses from the site's pages.
PLAYER_SANDBOX = "sandbox allow-scripts allow-forms allow-popups allow-downloads"
# A package file opened on its own (an SVG, an HTML page) runs nothing.
FILE_SANDBOX = "sandbox"

CONTENT_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


def player_token(package, user, lesson_origin):
    """The capability the player's frame carries instead of a cookie: the
    package, the viewer, and the origin of the lesson page that may frame it."""
    return signing.dumps(
        [package.pk, user.pk, lesson_origin], salt=SIGNING_SALT, compress=False
    )


def read_player_token(token):
    """(package id, user id, lesson origin), or 404 for a forged or expired
    token."""
    try:
        package_id, user_id, lesson_origin = signing.loads(
            token, salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    return int(package_id), int(user_id), str(lesson_origin)


def content_url(path):
    """A URL on the content origin (the site itself when none is set)."""
    return f"{settings.CONTENT_ORIGIN}{path}" if settings.CONTENT_ORIGIN else path


def player_url(request):
    """Where the lesson page's sandboxed frame loads `package` from."""

    def url(package):
        origin = f"{request.scheme}://{request.get_host()}"
        token = player_token(package, request.user, origin)
        return content_url(reverse("h5p_player", args=[token]))

    return url


def _package_for(token):
    """The package a token opens, after the access policy said yes for the
    person it was minted for (a revoked enrolment stops an old token)."""
    package_id, user_id, lesson_origin = read_player_token(token)
    package = get_object_or_404(H5PPackage, pk=package_id, extracted=True)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Http404
    if not lessons_using(package).exists():
        # Not in any lesson yet: only staff and the uploader may try it out.
        if not (is_staff_member(user) or package.uploaded_by_id == user.pk):
            raise Http404
    elif not learner_side.content_access(user, package).allowed:
        raise Http404
    return package, lesson_origin


@xframe_options_exempt  # framing is limited by frame-ancestors below
def play_package(request, token):
    """GET /h5p/<token>/play/: the page inside the lesson's sandboxed frame."""
    package, lesson_origin = _package_for(token)
    base = reverse("h5p_file", args=[token, "h5p.json"]).rsplit("/", 1)[0]
    context = {
        "package": package,
        "h5p_path": content_url(base),
        "frame_js": static("vendor/h5p-standalone/frame.bundle.js"),
        "frame_css": static("vendor/h5p-standalone/styles/h5p.css"),
        "relay_js": static("js/h5p-relay.js"),
        "parent_origin": lesson_origin,
    }
    response = render(request, "lessons/h5p_frame.html", context)
    response["Content-Security-Policy"] = (
        f"{PLAYER_SANDBOX}; frame-ancestors {lesson_origin}"
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def serve_package_file(request, token, path):
    """GET /h5p/<token>/<path>: one file of the package the token opens."""
    clean = posixpath.normpath(path)
    if clean.startswith(("..", "/")) or clean != path:
        raise Http404
    package, _ = _package_for(token)
    name = f"{package.content_path}/{clean}"
    if not default_storage.exists(name):
        raise Http404
    return _file_response(name)


def _file_response(name):
    if not storage_is_local(default_storage):
        # A signed URL that expires in minutes (the bucket needs CORS for fetch).
        return redirect(default_storage.url(name))
    handle = default_storage.open(name, "rb")
    extension = posixpath.splitext(name)[1].lower()
    content_type = (
        CONTENT_TYPES.get(extension)
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = FILE_SANDBOX
    response["X-Content-Type-Options"] = "nosniff"
    # The player's opaque origin fetches h5p.json and fonts; the token in the
    # URL is the credential, so any origin may read what it opens.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
