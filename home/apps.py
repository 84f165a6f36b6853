"""App configuration for `home`."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        import mimetypes

        from . import checks, receivers, routing, tasks  # noqa: F401 - registers checks and tasks
        from .sites import follow_site_url

        # Captions are served as documents; browsers only use them as text/vtt.
        mimetypes.add_type("text/vtt", ".vtt")

        # After every migrate the default Site follows SITE_URL again.
        post_migrate.connect(follow_site_url, sender=self)
        receivers.connect()
        routing.connect()
        from .account_data import connect as register_account_data

        register_account_data()
