"""App configuration for `lessons`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lessons"
    verbose_name = _("Lessons")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from . import personal_data, signals, tasks  # noqa: F401 - receivers and tasks

        personal_data.connect()
