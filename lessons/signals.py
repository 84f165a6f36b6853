"""An uploaded H5P or SCORM package is extracted for playing once it is saved; a
saved lesson refreshes its course in the search index."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.search import index

from .h5p import schedule_extraction
from .models import H5PPackage, LessonPage, ScormPackage
from .scorm import extract as scorm_files


@receiver(post_save, sender=H5PPackage)
def extract_saved_package(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and "file" not in update_fields):
        return
    schedule_extraction(instance)


@receiver(post_save, sender=ScormPackage)
def extract_saved_scorm_package(
    sender, instance, raw=False, update_fields=None, **kwargs
):
    if raw or (update_fields and "file" not in update_fields):
        return
    scorm_files.schedule_extraction(instance)


@receiver(post_save, sender=LessonPage)
def reindex_the_course(sender, instance, raw=False, **kwargs):
    """A course is found by its lesson titles, so a lesson change reindexes it."""
    if raw:
        return
    course = instance.course
    if course is not None:
        index.insert_or_update_object(course)
