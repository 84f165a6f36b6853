"""Settings for a laptop: debug on, SQLite and eager tasks unless told otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
if CONTENT_HOST:  # noqa: F405
    ALLOWED_HOSTS.append(CONTENT_HOST)  # noqa: F405

# The manifest storage needs collectstatic; runserver serves the source files.
STORAGES = {
    **STORAGES,  # noqa: F405 - S3 when a bucket is configured
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
