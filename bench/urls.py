"""The site's routes and `/bench/bare/`: the floor every page is compared to."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("coursesite.urls")),
]
