"""Translating pages in tests as an editor does with wagtail-localize (the
demo's helper: submit each page, give the translated strings, publish)."""

from demo.languages import translate as _translate


def translate(page, locale, strings):
    """Translate `page` and every page below it into `locale`; returns the
    translated `page`."""
    return _translate(page, locale, strings, with_descendants=True)
