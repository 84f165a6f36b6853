"""App configuration for `demo`: the demo site's content, users, media and
history (`manage.py seed_demo`). It sits at the top, beside `coursesite`,
because seeding a course platform touches every app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = _("Demo site")
