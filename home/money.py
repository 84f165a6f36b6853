"""Money display: integer minor units plus an ISO 4217 code, formatted by Babel."""

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision
from django.utils.translation import get_language, to_locale

# The currencies an instructor can price a course in; Babel knows each one's
# number of decimal places, so JPY has none and KWD has three.
CURRENCY_CHOICES = [
    ("USD", "USD: US dollar"),
    ("EUR", "EUR: Euro"),
    ("GBP", "GBP: Pound sterling"),
    ("ZAR", "ZAR: South African rand"),
    ("INR", "INR: Indian rupee"),
    ("NGN", "NGN: Nigerian naira"),
    ("KES", "KES: Kenyan shilling"),
    ("CAD", "CAD: Canadian dollar"),
    ("AUD", "AUD: Australian dollar"),
    ("JPY", "JPY: Japanese yen"),
]


def minor_to_major(amount_minor: int, currency: str) -> Decimal:
    """Turn 4900 USD cents into Decimal('49.00') without touching a float."""
    precision = get_currency_precision(currency)
    return Decimal(amount_minor).scaleb(-precision)


def format_money(amount_minor: int, currency: str, locale: str | None = None) -> str:
    """Format an amount in minor units for the active language, e.g. '$49.00'."""
    locale = locale or to_locale(get_language() or "en")
    return format_currency(
        minor_to_major(amount_minor, currency), currency, locale=locale
    )
