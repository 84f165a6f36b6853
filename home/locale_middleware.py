"""Django's LocaleMiddleware, without the language-prefix lookup while no
URL pattern carries a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django looks for a language in the first part of every path, even when
    no URL pattern has one. For "/courses/..." that lookup fails, and a failed
    lookup is not cached, so every request paid for a search of the language
    list twice (about 4% of a progress heartbeat). With language-prefixed URL
    patterns (`i18n_patterns`) Django's own middleware runs unchanged."""

    def process_request(self, request):
        if _prefixed_urls(request):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if _prefixed_urls(request):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def _prefixed_urls(request):
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return is_language_prefix_patterns_used(urlconf)[0]
