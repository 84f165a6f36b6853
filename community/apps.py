"""App configuration for `community`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from courses.seams import community_side

        from . import personal_data, views

        personal_data.connect()

        # A course page routes its questions/ paths here.
        community_side.provide(
            questions=views.questions,
            question=views.question,
            question_action=views.question_action,
        )
