"""Celery tasks of lessons: extracting uploaded H5P, SCORM and cmi5 packages."""

from celery import shared_task

from home.tasks import RETRY

from .cmi5 import extract as cmi5_files
from .h5p import extract_package
from .scorm import extract


@shared_task(name="lessons.tasks.extract_h5p_package_task", acks_late=True, **RETRY)
def extract_h5p_package_task(package_id):
    return extract_package(package_id)


@shared_task(name="lessons.tasks.extract_scorm_package_task", acks_late=True, **RETRY)
def extract_scorm_package_task(package_id):
    return extract.extract_package(package_id)


@shared_task(name="lessons.tasks.extract_cmi5_package_task", acks_late=True, **RETRY)
def extract_cmi5_package_task(package_id):
    return cmi5_files.extract_package(package_id)
