"""The fixed choices of a course: difficulty level, pricing type and language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    ALL_LEVELS = "all", _("All levels")


class PricingType(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("One-off purchase")
    SUBSCRIPTION = "subscription", _("Included in subscription")


COURSE_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("af", _("Afrikaans")),
    ("zu", _("Zulu")),
    ("sw", _("Swahili")),
    ("hi", _("Hindi")),
    ("ar", _("Arabic")),
]
