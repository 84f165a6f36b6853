"""Checks a handed-in file by what it contains, not only by its name."""

import io
import zipfile
from pathlib import PurePath

import filetype
from django.utils.translation import gettext as _

from home.errors import Refusal
from home.json_input import BadJson, parse_json

TEXT_KINDS = {"txt", "md", "py"}
ZIP_MEMBERS = {"docx": "word/document.xml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class UploadRejected(Refusal):
    """A file that does not pass the checks, with the reason."""


def check_upload(uploaded, allowed_kinds, max_bytes):
    """Return the file's kind ('pdf', 'docx', ...) or raise UploadRejected."""
    name = uploaded.name or ""
    if "/" in name or "\\" in name or ".." in name or name.startswith("."):
        raise UploadRejected(
            _("“%(name)s” is not an acceptable file name.") % {"name": name}
        )
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension == "jpeg":
        extension = "jpg"
    if extension not in allowed_kinds:
        raise UploadRejected(
            _("“%(name)s”: only these file types are accepted: %(kinds)s.")
            % {"name": name, "kinds": ", ".join(sorted(allowed_kinds))}
        )
    if not uploaded.size:
        raise UploadRejected(
            _("“%(name)s” is empty: choose the file again.") % {"name": name}
        )
    if uploaded.size > max_bytes:
        raise UploadRejected(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": name, "mb": max_bytes // (1024 * 1024)}
        )
    head = uploaded.read()
    uploaded.seek(0)
    if not _content_matches(extension, head):
        raise UploadRejected(
            _("“%(name)s” does not contain what its name says (.%(ext)s).")
            % {"name": name, "ext": extension}
        )
    return extension


def _content_matches(kind, data):
    if kind in TEXT_KINDS:
        return _is_text(data)
    if kind == "ipynb":
        return _is_text(data) and _is_notebook(data)
    if kind in ZIP_MEMBERS or kind in {"odt", "zip"}:
        return _zip_matches(kind, data)
    guessed = filetype.guess(data)
    expected = {"pdf": "pdf", "png": "png", "jpg": "jpg"}
    return guessed is not None and guessed.extension == expected.get(kind)


def _is_text(data):
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_notebook(data):
    try:
        notebook = parse_json(data, max_bytes=len(data), max_depth=64)
    except BadJson:
        return False
    return isinstance(notebook, dict) and "cells" in notebook


def _zip_matches(kind, data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if kind == "odt":
                return archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, KeyError):
        return False
    return ZIP_MEMBERS.get(kind, "") in names if kind in ZIP_MEMBERS else True
