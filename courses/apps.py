"""App configuration for `courses`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from home.seams import catalogue
        from lessons.seams import course_tree

        from . import home_page, outline, personal_data, signals, tasks  # noqa: F401 - receivers and tasks register

        personal_data.connect()
        # The home page shows the catalogue through here (`home` sits below).
        catalogue.provide(
            home_context=home_page.home_context, catalogue_url=home_page.catalogue_url
        )
        # A lesson finds its course through here (`lessons` sits below).
        course_tree.provide(course_of=outline.course_of)
