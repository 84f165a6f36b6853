"""App configuration for `payments`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from learners.emails import register_email_kind

        from . import checks, tasks  # noqa: F401 - registers checks and tasks
        from .models import Order

        register_email_kind(
            "checkout_reminder",
            "email_enrolment",
            Order,
            lambda order: order.course.url,
        )
