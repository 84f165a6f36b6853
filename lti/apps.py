"""App configuration for `lti`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lti"
    verbose_name = _("LTI")

    def ready(self):
        from . import (  # noqa: F401 - connects receivers, registers tasks
            personal_data,
            receivers,
            tasks,
        )

        personal_data.connect()
