"""Factories for lesson pages and H5P package files."""

import io
import json
import zipfile

import factory
import wagtail_factories

from lessons.models import LessonPage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    estimated_minutes = 10

    class Meta:
        model = LessonPage


H5P_METADATA = {
    "title": "Capital cities",
    "language": "en",
    "mainLibrary": "H5P.TrueFalse",
    "embedTypes": ["div"],
    "preloadedDependencies": [
        {"machineName": "H5P.TrueFalse", "majorVersion": 1, "minorVersion": 8}
    ],
}
H5P_LIBRARY = {
    "title": "True/False Question",
    "machineName": "H5P.TrueFalse",
    "majorVersion": 1,
    "minorVersion": 8,
    "patchVersion": 3,
    "runnable": 1,
    "preloadedJs": [{"path": "truefalse.js"}],
}


def h5p_archive(extra_files=None, metadata=None):
    """The bytes of a small .h5p package: h5p.json, content and one library."""
    files = {
        "h5p.json": json.dumps(metadata or H5P_METADATA),
        "content/content.json": json.dumps(
            {"question": "<p>Paris is the capital of France.</p>", "correct": "true"}
        ),
        "H5P.TrueFalse-1.8/library.json": json.dumps(H5P_LIBRARY),
        "H5P.TrueFalse-1.8/truefalse.js": "H5P.TrueFalse = function () {};",
        **(extra_files or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
