"""GET /media/<path>: public uploads (images, their renditions, avatars) from
local storage, in production as on a laptop, with long cache headers. Every
other upload (documents, submissions, certificates, H5P packages) has a view
of its own that asks the access policy first, and is never served here."""

import mimetypes
import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

# Folders of uploads anyone may see: Wagtail's original images and
# renditions, and learners' profile photos.
PUBLIC_FOLDERS = ("original_images/", "images/", "avatars/")
YEAR = 365 * 24 * 3600


@require_GET
def public_media(request, path):
    clean = posixpath.normpath(path)
    if clean != path or not clean.startswith(PUBLIC_FOLDERS):
        raise Http404
    if not default_storage.exists(clean):
        raise Http404
    content_type = mimetypes.guess_type(clean)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404
    response = FileResponse(
        default_storage.open(clean, "rb"), content_type=content_type
    )
    # Renditions get a new name whenever they change; originals and photos
    # keep theirs, so they are cached a day rather than for good.
    if clean.startswith("images/"):
        response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
