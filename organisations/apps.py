"""The organisations app: its e-mail kinds, receivers, tasks and personal data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from learners.emails import register_email_kind
        from learners.extensions import organisations

        from . import personal_data, receivers, tasks  # noqa: F401 - they register themselves
        from .models import SeatAssignment
        from .services.members import managed_by

        personal_data.connect()
        organisations.provide(managed_by=managed_by)
        for kind in (
            "seat_assigned",
            "seat_due_in_week",
            "seat_due_tomorrow",
            "seat_overdue",
        ):
            register_email_kind(
                kind, "enrolment", SeatAssignment, lambda seat: seat.licence.course.url
            )
