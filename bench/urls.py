"""The site's routes and `/bench/bare/`: the floor every page is compared to."""

from django.http import HttpResponse
from django.urls import path

from coursesite.urls import handler429  # noqa: F401 - the site's, kept
from coursesite.urls import urlpatterns as site_patterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


# The site's own list, not an include(): Django allows language-prefixed
# patterns only in the root URLconf.
urlpatterns = [path("bench/bare/", bare), *site_patterns]
