"""A bare Django project, one view and no apps or middleware: the floor
`make bench` measures every page against, served the same way as the site."""

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-only-bare-secret-key-0123456789-abcdefghijklmnop"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare)]
