"""Prices are integer minor units, shown in the currency's own format."""

from decimal import Decimal

import pytest

from home.money import format_money, minor_to_major
from home.templatetags.site_tags import duration, money


@pytest.mark.parametrize(
    ("amount", "currency", "major"),
    [
        (4900, "USD", Decimal("49.00")),
        (1, "EUR", Decimal("0.01")),
        (1500, "JPY", Decimal("1500")),
        (0, "ZAR", Decimal("0.00")),
    ],
)
def test_minor_units_convert_without_floats(amount, currency, major):
    result = minor_to_major(amount, currency)

    assert result == major
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "shown"),
    [
        (4900, "USD", "en_US", "$49.00"),
        (1500, "JPY", "en_US", "¥1,500"),
        (129900, "ZAR", "en_ZA", "R1\xa0299,00"),
        (2500, "EUR", "de_DE", "25,00\xa0€"),
    ],
)
def test_money_is_formatted_for_the_locale(amount, currency, locale, shown):
    assert format_money(amount, currency, locale=locale) == shown


def test_the_money_filter_uses_the_active_language():
    assert money(4900, "USD") == "$49.00"
    assert money(None, "USD") == ""


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(0, ""), (45, "45 min"), (120, "2 h"), (390, "6 h 30 min")],
)
def test_durations_read_naturally(minutes, shown):
    assert duration(minutes) == shown
