"""The H5P player runs instructor-supplied JavaScript, so it never runs as
the site: it plays in a sandboxed frame (an opaque origin, optionally on a
separate content host) that loads the package through a signed, expiring
URL instead of the learner's cookies, and talks to the lesson page only by
`postMessage`."""

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from home.roles import is_staff_member

from .models import H5PPackage, lessons_using
from .package_files import clean_path, content_url, file_response, sign, unsign
from .seams import learner_side

SIGNING_SALT = "coursewright.h5p-player"

# Scripts run in the player, not as the site: no same-origin, so no cookies,
# no storage and no readable responses from the site's pages.
PLAYER_SANDBOX = "sandbox allow-scripts allow-forms allow-popups allow-downloads"


def player_token(package, user, lesson_origin):
    """The capability the player's frame carries instead of a cookie: the
    package, the viewer, and the origin of the lesson page that may frame it."""
    return sign([package.pk, user.pk, lesson_origin], SIGNING_SALT)


def read_player_token(token):
    """(package id, user id, lesson origin), or 404 for a forged or expired
    token."""
    try:
        package_id, user_id, lesson_origin = unsign(token, SIGNING_SALT)
        return int(package_id), int(user_id), str(lesson_origin)
    except (ValueError, TypeError):
        raise Http404 from None


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
    clean = clean_path(path)
    package, _ = _package_for(token)
    name = f"{package.content_path}/{clean}"
    if not default_storage.exists(name):
        raise Http404
    return file_response(name)
