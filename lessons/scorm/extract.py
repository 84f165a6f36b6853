"""A SCORM package's files written to storage once, by a task: the archive
is checked again first, so nothing is written from one that fails."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from home.outbox import enqueue

from ..archives import checked_members, open_archive
from .models import ScormPackage


def extract_package(package_id):
    """Write every member under the package's folder; running it again
    rewrites the same files."""
    package = ScormPackage.objects.get(pk=package_id)
    count = write_members(package)
    ScormPackage.objects.filter(pk=package.pk).update(extracted=True)
    return count


def write_members(package):
    """Every member of an uploaded package's ZIP, checked again, written
    under its `content_path`; the number written."""
    with package.file.open("rb") as handle:
        archive = open_archive(handle.read())
    names = checked_members(archive)
    for name in names:
        target = f"{package.content_path}/{name}"
        if default_storage.exists(target):
            default_storage.delete(target)
        default_storage.save(target, ContentFile(archive.read(name)))
    return len(names)


def schedule_extraction(package):
    """Through the outbox, so an upload made while the broker is away is
    extracted once it is back."""
    enqueue("lessons.tasks.extract_scorm_package_task", package.pk)
