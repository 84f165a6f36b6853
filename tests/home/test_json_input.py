"""The one bounded JSON reader: sizes, nesting and numbers a client cannot
use to stall a worker, each refused with a clear message."""

import time

import pytest

from home.json_input import BadJson, bounded_number, parse_json


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 2000 + b"]" * 2000, "nested too deeply"),
        (b'{"a": ' + b"1" * 5000 + b"}", "too long"),
        (b'{"a": 1e1000000}', "too long"),
        (b'{"a": NaN}', "not valid JSON"),
        (b'{"a": Infinity}', "not valid JSON"),
        (b'{"a": "\xff"}', "UTF-8"),
        (b"{" * 10, "not valid JSON"),
        (b"x" * 70_000, "too large"),
    ],
)
def test_a_hostile_body_is_refused_quickly_and_clearly(body, message):
    started = time.monotonic()
    with pytest.raises(BadJson) as refused:
        parse_json(body)

    assert message in refused.value.message
    assert time.monotonic() - started < 0.5


def test_brackets_inside_strings_do_not_count_as_nesting():
    body = b'{"text": "' + b"[" * 500 + b'\\"]"}'

    assert parse_json(body) == {"text": "[" * 500 + '"]'}


@pytest.mark.parametrize("value", ["1e1000000", "9" * 40, "-1", "1e19", True, "NaN"])
def test_a_number_out_of_bounds_is_refused_without_converting_it(value):
    started = time.monotonic()
    with pytest.raises(BadJson):
        bounded_number(value, "seconds", high=86_400)

    assert time.monotonic() - started < 0.1


def test_an_ordinary_number_comes_back_as_a_bounded_decimal():
    assert bounded_number("30", "seconds", high=60) == 30
    assert bounded_number(12.5, "seconds", high=60) == 12.5
    assert bounded_number(None, "seconds") is None


def test_a_tiny_number_is_read_and_a_huge_one_is_refused():
    assert parse_json(b'{"a": 5e-324, "b": 2.5e-3}') == {"a": 5e-324, "b": 0.0025}
    with pytest.raises(BadJson):
        parse_json(b'{"a": 1e300}')
