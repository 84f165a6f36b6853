"""Uploaded H5P packages: extracted once into storage, then served file by
file only to people the access policy lets into a lesson that uses them."""

import mimetypes
import posixpath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from pyh5p import read_package

from home.files import storage_is_local
from home.outbox import enqueue

from .models import H5P_LIMITS, H5PPackage

CONTENT_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


def extract_package(package_id):
    """Write every checked member of the archive under the package's folder.
    Running it again rewrites the same files."""
    package = H5PPackage.objects.get(pk=package_id)
    with package.file.open("rb") as handle:
        archive = read_package(handle.read(), limits=H5P_LIMITS)
    for name, data in archive.files.items():
        target = f"{package.content_path}/{name}"
        if default_storage.exists(target):
            default_storage.delete(target)
        default_storage.save(target, ContentFile(data))
    H5PPackage.objects.filter(pk=package.pk).update(extracted=True)
    return len(archive.files)


def schedule_extraction(package):
    """Through the outbox, so an upload made while the broker is away is
    extracted once it is back."""
    enqueue("lessons.tasks.extract_h5p_package_task", package.pk)


def serve_package_file(request, package_id, path):
    """GET /h5p/<package>/<path>: one file of an extracted package, after the
    access policy said yes for a lesson that uses it."""
    from learners.access import content_access, is_staff_member, lessons_using

    package = get_object_or_404(H5PPackage, pk=package_id, extracted=True)
    clean = posixpath.normpath(path)
    if clean.startswith(("..", "/")) or clean != path:
        raise Http404
    access = content_access(request.user, package)
    if not lessons_using(package).exists():
        # Not in any lesson yet: only staff and the uploader may try it out.
        allowed = is_staff_member(request.user) or (
            package.uploaded_by_id == request.user.pk
        )
        if not allowed:
            raise Http404
    elif not access.allowed:
        context = {"message": access.message, "course": None, "lesson": None}
        return render(request, "learners/refusal.html", context, status=403)
    name = f"{package.content_path}/{clean}"
    if not default_storage.exists(name):
        raise Http404
    return _file_response(name)


def _file_response(name):
    if not storage_is_local(default_storage):
        # A signed URL that expires in minutes (the bucket needs CORS for fetch).
        return redirect(default_storage.url(name))
    field = default_storage.open(name, "rb")
    extension = posixpath.splitext(name)[1].lower()
    content_type = (
        CONTENT_TYPES.get(extension)
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )
    response = FileResponse(field, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "frame-ancestors 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
