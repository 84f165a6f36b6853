"""App configuration for `learners`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the signal receivers
