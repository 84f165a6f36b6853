"""Settings for production: secrets have no default, so a missing one stops start-up."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, REDIS_URL, env
from .stores import caches

DEBUG = env.bool("DEBUG", default=False)  # home/checks.py refuses it on
PRODUCTION = True
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if CONTENT_HOST:  # noqa: F405
    ALLOWED_HOSTS.append(CONTENT_HOST)  # noqa: F405
SITE_URL = env("SITE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

# DATABASE AND CACHES
# ------------------------------------------------------------------------------
# A worker keeps its database connection between requests (checked first).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Without Redis, the workers share a cache on disk: a publish seen by one
# worker empties the page cache of all of them.
if not REDIS_URL:
    CACHES = caches("", shared_dir=Path(env("CACHE_DIR", default=BASE_DIR / "var")))

# PAYMENTS
# ------------------------------------------------------------------------------
# The offline test gateway would hand out paid courses for a click: off unless
# a staging site asks for it. payments/checks.py stops start-up without a
# gateway.
PAYMENTS_OFFLINE_GATEWAY = env.bool("OFFLINE_GATEWAY", default=False)
PAYMENTS_REQUIRE_GATEWAY = True

# SECURITY
# ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
# One year, for every subdomain, ready for the browsers' preload list; a
# domain that must not be preloaded sets SECURE_HSTS_PRELOAD=false.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# PDF blocks show the site's own documents in a frame, so frames stay
# SAMEORIGIN rather than DENY (frame-ancestors 'self' says the same).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
