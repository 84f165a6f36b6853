"""An uploaded H5P, SCORM or cmi5 package is extracted for playing once it is saved; a
saved lesson refreshes its course in the search index."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.search import index

from . import h5p
from .cmi5 import extract as cmi5_files
from .models import Cmi5Package, H5PPackage, LessonPage, ScormPackage
from .scorm import extract as scorm_files

EXTRACTIONS = {
    H5PPackage: h5p.schedule_extraction,
    ScormPackage: scorm_files.schedule_extraction,
    Cmi5Package: cmi5_files.schedule_extraction,
}


def extract_saved_package(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and "file" not in update_fields):
        return
    EXTRACTIONS[sender](instance)


for package_model in EXTRACTIONS:
    post_save.connect(
        extract_saved_package,
        sender=package_model,
        dispatch_uid=f"extract-{package_model.__name__}",
    )


@receiver(post_save, sender=LessonPage)
def reindex_the_course(sender, instance, raw=False, **kwargs):
    """A course is found by its lesson titles, so a lesson change reindexes it."""
    if raw:
        return
    course = instance.course
    if course is not None:
        index.insert_or_update_object(course)
