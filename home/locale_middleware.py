"""The request's language is its address's: /fr/... is French, and an address
without a language prefix is in the site's default language."""

from functools import cache

from django.conf import settings
from django.utils import translation


@cache
def _prefixes():
    return frozenset(code for code, _name in settings.LANGUAGES)


def language_of_path(path):
    """The language an address is in: its first part, when that names one of
    the site's languages, else the default (LANGUAGE_CODE)."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in _prefixes() else settings.LANGUAGE_CODE


class LocaleMiddleware:
    """Django's LocaleMiddleware also reads the browser's Accept-Language and
    a cookie. With the pages in `i18n_patterns(prefix_default_language=False)`
    it ends on the same answer for every address (the prefix, or the default
    language), so this reads the address alone: one page at one address is
    the same for everyone and may be cached, and addresses outside the
    prefixed patterns (a heartbeat, say) skip Django's language search."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
