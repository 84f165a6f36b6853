"""One bounded way to read JSON a browser or a client sends: a size cap, a
nesting cap checked before parsing, number literals of bounded length, no
NaN or Infinity, and numbers turned into bounded values without ever
converting unbounded text (`int("1e1000000")` style work is what stalls a
worker). Every JSON endpoint reads through here."""

import json
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .errors import Refusal

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16
MAX_NUMBER_CHARS = 32
# Numbers the platform takes are seconds, percentages and scores.
MAX_EXPONENT = 18


class BadJson(Refusal):
    status_code = 400


def parse_json(data, *, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH):
    """The parsed value of `data` (bytes), or BadJson with a clear message."""
    if len(data) > max_bytes:
        raise BadJson(_("The request is too large."))
    if _depth(data) > max_depth:
        raise BadJson(_("The request is nested too deeply."))
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return json.loads(
            text or "{}",
            parse_int=_int,
            parse_float=_decimal,
            parse_constant=_no_constant,
        )
    except UnicodeDecodeError as error:
        raise BadJson(_("The request is not valid UTF-8.")) from error
    except ValueError as error:
        if isinstance(error, _NumberTooLong):
            raise BadJson(_("A number in the request is too long.")) from error
        raise BadJson(_("The request is not valid JSON.")) from error


def read_json_object(request, **limits):
    """The request body as a JSON object (a dict)."""
    payload = parse_json(request.body, **limits)
    if not isinstance(payload, dict):
        raise BadJson(_("The request must be a JSON object."))
    return payload


def bounded_number(value, name, *, low=0, high=10**9):
    """`value` (a JSON number, or a short numeric string) as a Decimal within
    [low, high]; None for missing. Never converts unbounded text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadJson(_("“%(key)s” must be a number.") % {"key": name})
    if isinstance(value, str) and len(value) > MAX_NUMBER_CHARS:
        raise BadJson(_("“%(key)s” must be a number.") % {"key": name})
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise BadJson(_("“%(key)s” must be a number.") % {"key": name}) from error
    if not number.is_finite() or abs(number.adjusted()) > MAX_EXPONENT:
        raise BadJson(_("“%(key)s” is out of range.") % {"key": name})
    if not low <= number <= high:
        raise BadJson(
            _("“%(key)s” must be between %(low)s and %(high)s.")
            % {"key": name, "low": low, "high": high}
        )
    return number


class _NumberTooLong(ValueError):
    pass


def _int(text):
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text[:10])
    return int(text)


def _decimal(text):
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text[:10])
    number = Decimal(text)
    # Only large exponents cost work later; a tiny number (5e-324) is cheap.
    if number.adjusted() > MAX_EXPONENT:
        raise _NumberTooLong(text[:10])
    return float(number)


def _no_constant(name):
    raise ValueError(f"{name} is not allowed")


def _depth(data):
    """The deepest nesting of arrays and objects, read without parsing (so a
    body of 2,000 "[" never reaches the recursive parser)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data if isinstance(data, bytes) else data.encode():
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest
