"""Hand a private file to someone the access policy already let through."""

import re

from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect


def private_file_response(field_file, filename):
    """Stream a local file; on remote storage (S3) redirect to a signed URL,
    which expires after a few minutes."""
    if _is_local(field_file.storage):
        return FileResponse(
            field_file.open("rb"), as_attachment=True, filename=filename
        )
    return redirect(field_file.url)


def _is_local(storage):
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True


MEDIA_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "ogv": "video/ogg",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
}
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# Browsers ask for "bytes=0-" and then for more; answering in pieces keeps a
# large video out of memory.
RANGE_CHUNK_BYTES = 4 * 1024 * 1024


def media_type(name):
    return MEDIA_TYPES.get(name.rsplit(".", 1)[-1].lower())


def ranged_file_response(request, field_file, content_type):
    """A local audio or video file with byte-range support, which players need
    to seek and to resume where a learner stopped."""
    size = field_file.size
    match = RANGE.match(request.headers.get("Range", "").strip())
    if not match:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    if first:
        start, end = int(first), int(last) if last else size - 1
    else:  # "bytes=-500": the last 500 bytes
        start, end = max(0, size - int(last or 0)), size - 1
    end = min(end, size - 1, start + RANGE_CHUNK_BYTES - 1)
    if start > end:
        return HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})
    with field_file.open("rb") as handle:
        handle.seek(start)
        data = handle.read(end - start + 1)
    response = HttpResponse(data, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


def is_local_file(field_file):
    return storage_is_local(field_file.storage)


def storage_is_local(storage):
    return _is_local(storage)
