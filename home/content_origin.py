"""The content host (`CONTENT_ORIGIN`) runs uploaded packages, so it serves
nothing else: a page of the site opened there would share its origin."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseNotFound

CONTENT_PATHS = ("/h5p/", "/scorm/")


def content_host():
    """The content origin's host[:port], or "" when there is none."""
    return urlsplit(settings.CONTENT_ORIGIN).netloc if settings.CONTENT_ORIGIN else ""


class ContentHostOnlyServesContentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.host = content_host()
        self.allowed = (*CONTENT_PATHS, settings.STATIC_URL)

    def __call__(self, request):
        on_content_host = self.host and request.get_host() == self.host
        if on_content_host and not request.path.startswith(self.allowed):
            return HttpResponseNotFound("Not found.", content_type="text/plain")
        return self.get_response(request)
