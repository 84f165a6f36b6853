"""App configuration for `learners`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        from . import (  # noqa: F401 - connects receivers, registers tasks
            personal_data,
            receivers,
            tasks,
        )

        personal_data.connect()
