"""The files of a cmi5 course's assignable units. An AU is instructor-supplied
JavaScript, so it never runs as the site: the lesson page frames it
sandboxed (an opaque origin, or the separate content host), loading it
through a signed, expiring URL that names the package and the learner
instead of a cookie. The AU finds the platform through its launch
parameters and talks to it with the one-time token it fetches."""

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt

from ..package_files import (
    clean_path,
    content_type_of,
    content_url,
    file_response,
    in_head,
    shared_headers,
    sign,
    unsign,
)
from ..scorm.player import HTML, MAX_INJECTED_BYTES, SHIM, sandbox
from ..seams import learner_side
from .models import Cmi5Package

SIGNING_SALT = "coursewright.cmi5-player"


def frame_sandbox():
    """The lesson frame's sandbox: SCORM's, and a click on the page a unit
    returns to (its returnURL, on this site) may take the learner back to
    the lesson. The unit's own pages keep the stricter sandbox of their
    Content-Security-Policy."""
    return f"{sandbox()} allow-top-navigation-by-user-activation"


def unit_url(package, user, origin, unit):
    """The address `unit` launches from, before the launch parameters."""
    if unit.external:
        return unit.url
    token = sign([package.pk, user.pk, origin], SIGNING_SALT)
    path, _, query = unit.url.partition("?")
    url = content_url(reverse("cmi5_file", args=[token, path]))
    return f"{url}?{query}" if query else url


@xframe_options_exempt  # framing is limited by frame-ancestors below
def serve_cmi5_file(request, token, path):
    """GET /cmi5/<token>/<path>: one file of the package, after the access
    policy said yes for the person the token was minted for."""
    clean = clean_path(path)
    try:
        package_id, user_id, origin = unsign(token, SIGNING_SALT)
        package_id, user_id = int(package_id), int(user_id)
    except (ValueError, TypeError):
        raise Http404 from None
    package = get_object_or_404(Cmi5Package, pk=package_id, extracted=True)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not learner_side.content_access(user, package).allowed:
        raise Http404
    name = f"{package.content_path}/{clean}"
    if not default_storage.exists(name):
        raise Http404
    extension = "." + clean.rsplit(".", 1)[-1].lower() if "." in clean else ""
    if extension not in HTML or default_storage.size(name) > MAX_INJECTED_BYTES:
        return file_response(name)
    # A page of the AU runs its scripts, sandboxed, framed by the lesson.
    with default_storage.open(name, "rb") as handle:
        shim = format_html('<script src="{}"></script>', static(SHIM)).encode()
        page = in_head(handle.read(), shim)
    response = HttpResponse(page, content_type=content_type_of(name))
    shared_headers(response, f"sandbox {sandbox()}; frame-ancestors {origin}")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
