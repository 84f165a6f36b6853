"""Put the demo media into the site as an editor would upload it: each video
and its captions as documents, each activity as an H5P package, and the
SCORM package, checked and extracted like any upload. Found again by title
when present."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from lessons.h5p import schedule_extraction
from lessons.models import Cmi5Package, H5PPackage, ScormPackage

from . import cmi5, scorm
from .h5p import ACTIVITIES, package_bytes
from .videos import VIDEOS

VIDEO, CAPTIONS, H5P = "__video__:", "__captions__:", "__h5p__:"
SCORM = "__scorm__:"
CMI5 = "__cmi5__:"


def resolve(placeholder):
    """The id a demo block field stands for, or None if it is not one."""
    if not isinstance(placeholder, str):
        return None
    for prefix, make in ((VIDEO, video_document), (CAPTIONS, captions_document)):
        if placeholder.startswith(prefix):
            return make(placeholder.removeprefix(prefix)).pk
    if placeholder.startswith(H5P):
        return h5p_package(placeholder.removeprefix(H5P)).pk
    if placeholder.startswith(SCORM):
        return scorm_package(placeholder.removeprefix(SCORM)).pk
    if placeholder.startswith(CMI5):
        return cmi5_package(placeholder.removeprefix(CMI5)).pk
    return None


def _document(title, name, data):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, file=ContentFile(data, name=name))
    document.save()
    return document


def video_document(slug):
    video = VIDEOS[slug]
    return _document(f"Video: {video.title}", f"{slug}.webm", video.path.read_bytes())


def captions_document(slug):
    video = VIDEOS[slug]
    return _document(
        f"Captions: {video.title}", f"{slug}.vtt", video.captions().encode()
    )


def transcript(slug):
    return VIDEOS[slug].transcript


def uploaded(model, title, make_bytes, name):
    """The demo's package of that title, uploaded once as an editor would:
    checked, saved, then extracted through the outbox like every upload."""
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    package = model(title=title, file=ContentFile(make_bytes(), name=name))
    package.read_upload()
    package.save()
    return package


def h5p_package(slug):
    activity = ACTIVITIES[slug]
    return uploaded(
        H5PPackage,
        activity["title"],
        lambda: package_bytes(activity["title"], activity["questions"]),
        f"{slug}.h5p",
    )


def scorm_package(slug):
    title = scorm.PACKAGES[slug]["title"]
    return uploaded(
        ScormPackage, title, lambda: scorm.package_bytes(slug), f"{slug}.zip"
    )


def cmi5_package(slug):
    title = cmi5.PACKAGES[slug]["title"]
    return uploaded(Cmi5Package, title, lambda: cmi5.package_bytes(slug), f"{slug}.zip")
