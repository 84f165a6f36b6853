"""A cmi5 course's files written to storage once, by a task."""

from home.outbox import enqueue

from ..scorm.extract import write_members
from .models import Cmi5Package


def extract_package(package_id):
    """Write every member under the package's folder; running it again
    rewrites the same files."""
    package = Cmi5Package.objects.get(pk=package_id)
    count = write_members(package)
    Cmi5Package.objects.filter(pk=package.pk).update(extracted=True)
    return count


def schedule_extraction(package):
    enqueue("lessons.tasks.extract_cmi5_package_task", package.pk)
