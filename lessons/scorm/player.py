"""The SCORM player. A SCO is instructor-supplied JavaScript, so it never
runs as the site: the lesson page frames it sandboxed (an opaque origin, or
the separate content host), loading it through a signed, expiring URL that
names the package, the learner, the lesson's block and the SCO instead of a
cookie. Each HTML page of the package is sent with the runtime in front of
its own scripts: scorm-again's `API` (1.2) or `API_1484_11` (2004) on the
SCO's own window, loaded with the learner's saved CMI data, committing by
`postMessage` to the lesson page, which saves with its session and CSRF
token."""

import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script
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
from ..seams import learner_side
from .models import ScormPackage

SIGNING_SALT = "coursewright.scorm-player"
MAX_INJECTED_BYTES = 5 * 1024 * 1024
HTML = {".html", ".htm", ".xhtml"}
# Lets a package's libraries look for cookies and storage in the sandbox.
SHIM = "js/opaque-origin-shim.js"
RUNTIMES = {
    "1.2": "vendor/scorm-again/scorm12.min.js",
    "2004": "vendor/scorm-again/scorm2004.min.js",
}


def sandbox():
    """The frame's sandbox: scripts without same-origin rights, so no cookie,
    storage or readable response of the site. On a separate content host
    the package may keep its own origin, so SCOs made of frames work."""
    flags = "allow-scripts allow-forms allow-popups allow-downloads"
    return f"{flags} allow-same-origin" if settings.CONTENT_ORIGIN else flags


def launch_url(request, lesson, block_id, package, activity):
    """Where the lesson page's frame opens `activity` of the block."""
    origin = f"{request.scheme}://{request.get_host()}"
    token = sign(
        [package.pk, request.user.pk, origin, lesson.pk, block_id, activity.identifier],
        SIGNING_SALT,
    )
    path, _, query = activity.href.partition("?")
    url = content_url(reverse("scorm_file", args=[token, path]))
    return f"{url}?{query}" if query else url


def _opened_by(token):
    """(package, user, lesson origin, lesson id, block id, SCO), after the
    access policy said yes for the person the token was minted for."""
    try:
        package_id, user_id, origin, lesson_id, block_id, sco = unsign(
            token, SIGNING_SALT
        )
        package_id, user_id, lesson_id = int(package_id), int(user_id), int(lesson_id)
    except (ValueError, TypeError):
        raise Http404 from None
    package = get_object_or_404(ScormPackage, pk=package_id, extracted=True)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not learner_side.content_access(user, package).allowed:
        raise Http404
    return package, user, str(origin), lesson_id, str(block_id), str(sco)


@xframe_options_exempt  # framing is limited by frame-ancestors below
def serve_scorm_file(request, token, path):
    """GET /scorm/<token>/<path>: one file of the package; an HTML page
    comes with the runtime and the learner's saved data."""
    clean = clean_path(path)
    package, user, origin, lesson_id, block_id, sco = _opened_by(token)
    name = f"{package.content_path}/{clean}"
    if not default_storage.exists(name):
        raise Http404
    extension = "." + clean.rsplit(".", 1)[-1].lower() if "." in clean else ""
    if extension not in HTML or default_storage.size(name) > MAX_INJECTED_BYTES:
        return file_response(name)
    activity = package.activity(sco)
    # Only the SCO's own launch file starts a session; a page it moves to
    # gets the runtime with what was saved, and writes nothing.
    starts = activity is not None and clean == launch_path(activity)
    values = learner_side.scorm_launch(user, lesson_id, block_id, sco, start=starts)
    with default_storage.open(name, "rb") as handle:
        page = with_runtime(handle.read(), package.version, origin, sco, values)
    response = HttpResponse(page, content_type=content_type_of(name))
    shared_headers(response, f"sandbox {sandbox()}; frame-ancestors {origin}")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def launch_path(activity):
    """The file of the package a SCO's launch address names."""
    return posixpath.normpath(unquote(activity.href.partition("?")[0]))


def with_runtime(page, version, parent_origin, sco, values):
    """The page with the runtime's scripts first in its head."""
    config = {
        "version": version,
        "parentOrigin": parent_origin,
        "sco": sco,
        "cmi": values,
    }
    scripts = format_html(
        '<script src="{}"></script>{}<script src="{}"></script>'
        '<script src="{}"></script>',
        static(SHIM),
        json_script(config, "coursewright-scorm"),
        static(RUNTIMES[version]),
        static("js/scorm-runtime.js"),
    ).encode()
    return in_head(page, scripts)
