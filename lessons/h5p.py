"""Uploaded H5P packages: extracted once into storage (`h5p_player` serves
them file by file to the sandboxed player)."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pyh5p import read_package

from home.outbox import enqueue

from .h5p_package import H5P_LIMITS, H5PPackage


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
