"""The length of an uploaded video, read from the file itself (WebM's
Segment Info, MP4's movie header), so that watching is measured against
the real duration and never against one the learner's browser reports.
Only headers are read, by seeking; nothing is decoded."""

import struct

from django.core.cache import cache

WEBM_SEGMENT, WEBM_INFO = 0x18538067, 0x1549A966
WEBM_TIMECODE_SCALE, WEBM_DURATION = 0x2AD7B1, 0x4489
MAX_BOXES = 10_000  # a walk through a hostile file stops here


def media_duration(handle):
    """Seconds of a WebM or MP4 file opened for reading, or None."""
    head = handle.read(12)
    handle.seek(0)
    try:
        if head[:4] == b"\x1a\x45\xdf\xa3":
            return _webm_duration(handle)
        if head[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide"):
            return _mp4_duration(handle)
    except (struct.error, ValueError, OSError):
        return None
    return None


def document_duration(document):
    """The uploaded video's seconds, read once per file and remembered."""
    key = f"video-duration:{document.pk}:{document.file.name}"
    known = cache.get(key)
    if known is not None:
        return known or None
    try:
        with document.file.open("rb") as handle:
            seconds = media_duration(handle)
    except OSError:
        return None
    cache.set(key, seconds or 0, None)
    return seconds


def _vint(handle, keep_marker):
    first = handle.read(1)
    if not first:
        raise ValueError("end of file")
    byte = first[0]
    length = 1
    while length <= 8 and not byte & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise ValueError("bad length")
    value = byte if keep_marker else byte & (0xFF >> length)
    unknown = value == (0xFF >> length) and not keep_marker
    for extra in handle.read(length - 1):
        value = (value << 8) | extra
        unknown = unknown and extra == 0xFF
    return value, (None if unknown else value)


def _webm_duration(handle):
    scale, duration = 1_000_000, None
    end = None
    for _ in range(MAX_BOXES):
        element, _raw = _vint(handle, keep_marker=True)
        _size, size = _vint(handle, keep_marker=False)
        start = handle.tell()
        if element == WEBM_SEGMENT:
            end = None if size is None else start + size
            continue  # step into the segment's children
        if element == WEBM_INFO and size is not None:
            info_end = start + size
            while handle.tell() < info_end:
                child, _raw = _vint(handle, keep_marker=True)
                _child_size, child_size = _vint(handle, keep_marker=False)
                data = handle.read(child_size or 0)
                if child == WEBM_TIMECODE_SCALE:
                    scale = int.from_bytes(data, "big")
                elif child == WEBM_DURATION:
                    duration = struct.unpack(">f" if len(data) == 4 else ">d", data)[0]
            break
        if size is None or (end is not None and start + size > end):
            break  # a cluster of unknown size: the info was not before it
        handle.seek(start + size)
    if duration is None or duration <= 0:
        return None
    return duration * scale / 1e9


def _mp4_duration(handle):
    moov = _find_box(handle, b"moov", 0, None)
    if moov is None:
        return None
    mvhd = _find_box(handle, b"mvhd", *moov)
    if mvhd is None:
        return None
    handle.seek(mvhd[0])
    version = handle.read(4)[0]
    if version == 1:
        handle.read(16)
        timescale, duration = struct.unpack(">IQ", handle.read(12))
    else:
        handle.read(8)
        timescale, duration = struct.unpack(">II", handle.read(8))
    return duration / timescale if timescale and duration else None


def _find_box(handle, wanted, start, end):
    """(data start, data end) of the first box of type `wanted`."""
    position = start
    for _ in range(MAX_BOXES):
        if end is not None and position + 8 > end:
            return None
        handle.seek(position)
        header = handle.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        data_start = position + 8
        if size == 1:
            size = struct.unpack(">Q", handle.read(8))[0]
            data_start += 8
        elif size == 0:
            handle.seek(0, 2)
            size = handle.tell() - position
        if size < 8:
            return None
        if kind == wanted:
            return data_start, position + size
        position += size
    return None
