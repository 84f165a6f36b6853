"""An uploaded H5P package is extracted for playing once it is saved."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .h5p import schedule_extraction
from .models import H5PPackage


@receiver(post_save, sender=H5PPackage)
def extract_saved_package(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and "file" not in update_fields):
        return
    schedule_extraction(instance)
