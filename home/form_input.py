"""Ids posted in forms and query strings: a row id, or None for anything
else (never a 500 for "abc", "-1" or forty digits)."""

MAX_DIGITS = 18  # a bigint's row ids fit


def row_id(value):
    """The positive integer `value` spells, or None."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= MAX_DIGITS else None
