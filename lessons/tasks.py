"""Celery tasks of lessons: extracting uploaded H5P packages."""

from celery import shared_task

from home.tasks import RETRY


@shared_task(name="lessons.tasks.extract_h5p_package_task", acks_late=True, **RETRY)
def extract_h5p_package_task(package_id):
    from .h5p import extract_package

    return extract_package(package_id)
