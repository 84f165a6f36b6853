"""App configuration for `courses`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from . import personal_data, signals, tasks  # noqa: F401 - receivers and tasks

        personal_data.connect()
