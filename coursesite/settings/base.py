"""Settings shared by every environment, read from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE

from . import stores

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# honcho loads .env itself; manage.py reads it only when asked to.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Instructor-uploaded active content (H5P and SCORM packages) always plays in
# a sandboxed frame; a separate host name here (for example
# https://content.example.org, routed to this same app) adds a second wall,
# and lets SCORM packages made of several frames script each other.
# That host serves only /h5p/, /scorm/ and static files (home/content_origin.py).
CONTENT_ORIGIN = env("CONTENT_ORIGIN", default="").rstrip("/")
# An external learning record store that receives every learning event as an
# xAPI 1.0.3 statement (learners/xapi.py); none by default. The learner is a
# pseudonymous account unless XAPI_ACTOR is "mbox" (the e-mail address).
XAPI_LRS_URL = env("XAPI_LRS_URL", default="").rstrip("/")
XAPI_LRS_USERNAME = env("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env("XAPI_LRS_PASSWORD", default="")
XAPI_ACTOR = env("XAPI_ACTOR", default="account")
CONTENT_HOST = urlsplit(CONTENT_ORIGIN).hostname or ""
WAGTAIL_SITE_NAME = env("SITE_NAME", default="Coursewright")
# The admin fetches nothing from elsewhere: no Gravatar (it would send a hash
# of every editor's e-mail address out), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

TIME_ZONE = env("TIME_ZONE", default="UTC")
LANGUAGE_CODE = env("LANGUAGE_CODE", default="en")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# The interface's languages, each under its own address prefix (/fr/, /es/,
# /af/; English has none). Course content comes in the same languages, as
# translations made with wagtail-localize (WAGTAIL_CONTENT_LANGUAGES).
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("af", "Afrikaans"),
]

# DATABASES
# ------------------------------------------------------------------------------
# SQLite gets WAL, a busy timeout and immediate transactions (stores.py).
DATABASES = {"default": stores.database(env, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# VERIFIABLE CREDENTIALS
# ------------------------------------------------------------------------------
# Certificates are also Open Badges 3.0 credentials, signed by did:web on
# SITE_URL's host with this Ed25519 key: a base64url 32-byte seed
# (`manage.py credential_key` makes one). Unset, a key is derived from
# SECRET_KEY (development only). When rotating, put the old key's public
# value (shown by `credential_key --show`) in CREDENTIAL_RETIRED_KEYS: it stays
# published, so the credentials it signed still verify.
CREDENTIAL_SIGNING_KEY = env("CREDENTIAL_SIGNING_KEY", default="")
CREDENTIAL_RETIRED_KEYS = env.list("CREDENTIAL_RETIRED_KEYS", default=[])
# The JSON-LD contexts credentials are signed with, written out of their npm
# packages by `make install` (tools/export-jsonld-contexts.mjs).
JSONLD_CONTEXTS_FILE = env(
    "JSONLD_CONTEXTS_FILE",
    default=str(BASE_DIR / "node_modules" / ".jsonld-contexts.json"),
)

# CACHES AND BROKER
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CACHES = stores.caches(REDIS_URL)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions are read from the cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages are kept this long by the page cache (home/page_cache.py) and a
# CDN (s-maxage); any change to the content replaces them sooner.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    # runserver serves static files through WhiteNoise too, with the CORS
    # header the sandboxed H5P player needs for fonts.
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "payments.users_app.UsersWithRevenueShareConfig",  # wagtail.users + revenue share
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    # Translations of pages in the editor, and PO files for translators; its
    # locales app replaces Wagtail's own.
    "wagtail_localize",
    "wagtail_localize.locales",
    "modelcluster",
    "taggit",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    # Single sign-on with an organisation's identity provider (OIDC, SAML).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "storages",
    "csp",
    # Its docs page then serves Swagger UI from the site, not from a CDN.
    "ninja",
    # LTI 1.3 registrations, deployments, platform users and the tool's keys.
    "lti_tool",
]
LOCAL_APPS = [
    "home",
    "courses",
    "lessons",
    "learners",
    "organisations",
    "payments",
    "lti",
    "demo",
    "community",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads a session, a query or a form from the database.
    "home.request_guard.RefuseControlCharactersMiddleware",
    "home.content_origin.ContentHostOnlyServesContentMiddleware",
    # Anonymous visitors' public pages come from the cache, compressed once
    # when stored (outside GZip), before sessions or routing.
    "home.page_cache.AnonymousPageCacheMiddleware",
    # Django's GZip pads each response with random bytes (Heal The Breach),
    # so compressed pages with a CSRF token do not leak it to BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "home.routing.CachedSiteMiddleware",
    # An LTI-launched session's cookies, on their way out (lti/frames.py).
    "lti.frames.CrossSiteCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.audit.AuditRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learners.middleware.LearnerTimeZoneMiddleware",
    "courses.middleware.InstructorAdminScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.csp.SitePolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The launching platform may frame an LTI session's pages (lti/frames.py).
    "lti.frames.FramedSessionMiddleware",
]

X_FRAME_OPTIONS = "SAMEORIGIN"  # lets PDF blocks show documents inline

ROOT_URLCONF = "coursesite.urls"
WSGI_APPLICATION = "coursesite.wsgi.application"

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.languages",
            ],
        },
    },
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
# Django's and allauth's backends, reading a session's user with SQL compiled
# once (home/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "home.auth_backends.UserBackend",
    "home.auth_backends.AccountBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "learners:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Learners sign in with their e-mail address. They may browse before
# verifying it, but enrolling needs a verified address (learners.services).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""

# PERSONAL DATA
# ------------------------------------------------------------------------------
# An erasure waits this many days, so a mistaken or stolen-session request
# can be cancelled; a data download stays for DATA_EXPORT_DAYS.
ERASURE_GRACE_DAYS = env.int("ERASURE_GRACE_DAYS", default=14)
DATA_EXPORT_DAYS = env.int("DATA_EXPORT_DAYS", default=7)
ACCOUNT_ADAPTER = "learners.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "learners.adapters.SingleSignOnAdapter"
# Single sign-on: staff add identity providers under Settings -> Single
# sign-on, or here as JSON lists of allauth apps, e.g.
# SSO_OIDC_PROVIDERS='[{"provider_id": "school", "name": "Our school",
#   "client_id": "...", "secret": "...",
#   "settings": {"server_url": "https://idp.example/"}}]'.
# A provider's verified e-mail signs into the account that has the same
# address verified here, and only that (learners/adapters.py).
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": env.json("SSO_OIDC_PROVIDERS", default=[]),
        "OAUTH_PKCE_ENABLED": True,
    },
    "saml": {"APPS": env.json("SSO_SAML_PROVIDERS", default=[])},
}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# A name at sign-up, and the login form in the site's words.
ACCOUNT_SIGNUP_FORM_CLASS = "learners.forms.SignupNameForm"
ACCOUNT_FORMS = {"login": "learners.login_form.LoginFormInOurWords"}
# Behind a load balancer or proxy every client would share its address:
# rate limits take the client's from X-Forwarded-For, this many hops back.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The JSON API: requests per minute for each signed-in caller and each
# client address (home/api_throttles.py).
API_RATE_PER_CALLER = (env.int("API_RATE_PER_CALLER", default=300), 60)
API_RATE_PER_ADDRESS = (env.int("API_RATE_PER_ADDRESS", default=600), 60)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
}

# PASSWORDS
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # npm packages, installed from package.json by `make`
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
    ("vendor/h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
    ("vendor/vimeo-player", BASE_DIR / "node_modules" / "@vimeo" / "player" / "dist"),
    ("vendor/scorm-again", BASE_DIR / "node_modules" / "scorm-again" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# FILES ON S3
# ------------------------------------------------------------------------------
# With a bucket, every upload goes to S3 (or any S3-compatible store) as a
# private object; files are handed out as short-lived signed URLs, and only
# after the access policy has said yes.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "default_acl": "private",
        "querystring_auth": True,
        "signature_version": "s3v4",
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=300),
        "file_overwrite": False,
    },
}
# Lesson videos and H5P packages are larger than Django's in-memory default.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = S3_STORAGE

# CONTENT SECURITY POLICY (django-csp)
# ------------------------------------------------------------------------------
# Scripts only from this site (a nonce, `request.csp_nonce`, for the rare
# inline one); style attributes are allowed because progress bars and frame
# heights are set inline, style sheets only from here. A lesson adds the
# players and tools it embeds (lessons/models.py); the H5P player and
# uploaded files carry their own, stricter sandbox policy.
SECURITY_POLICY_MEDIA_ORIGINS = env.list(
    "CSP_MEDIA_ORIGINS",
    # Signed S3 URLs: the endpoint's origin, or AWS's hosts.
    default=(
        [env("AWS_S3_ENDPOINT_URL", default="") or "https://*.amazonaws.com"]
        if AWS_STORAGE_BUCKET_NAME
        else []
    ),
)
SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src-elem": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", *SECURITY_POLICY_MEDIA_ORIGINS],
    "media-src": ["'self'", "blob:", *SECURITY_POLICY_MEDIA_ORIGINS],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", *SECURITY_POLICY_MEDIA_ORIGINS],
    "frame-src": ["'self'", *([CONTENT_ORIGIN] if CONTENT_ORIGIN else [])],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    # Checkout and the billing portal are reached by redirects after a form.
    "form-action": [
        "'self'",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
    ],
    "report-uri": env("CSP_REPORT_URI", default="") or None,
}
# CSP_REPORT_ONLY=true sends the same policy as Report-Only: try a stricter
# policy on a live site without breaking it.
SECURITY_POLICY_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)
if SECURITY_POLICY_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": SECURITY_POLICY}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": SECURITY_POLICY}

# EMAIL
# ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://"
)  # any SMTP in production: smtp+tls://user:pass@host:587
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="courses@localhost")

# CELERY
# ------------------------------------------------------------------------------
# Without Redis the site still works: tasks run inside the request, eagerly.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# In eager mode a failing side effect is logged, not turned into a failed page.
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died unacknowledged goes to another worker after this.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Every task takes seconds (stats fan out per course), so 15 minutes is
    # ample; the longest is extracting the largest H5P package allowed.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    # How often (seconds, and every Nth check) workers look for such tasks.
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
    # A request that hands a task over gives up quickly when Redis is away;
    # the task waits in the outbox.
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Through Django, so the access policy sees every download; on S3 the view
# then redirects to a signed URL.
WAGTAILDOCS_SERVE_METHOD = "redirect" if AWS_STORAGE_BUCKET_NAME else "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "docx", "pptx", "xlsx", "odt", "txt", "csv", "zip", "mp4", "webm",
    "vtt",
]  # fmt: skip
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# PAYMENTS
# ------------------------------------------------------------------------------
# Webhooks are verified with this secret; the offline test gateway signs with
# it. The default is public, so production refuses it with Stripe on.
OFFLINE_WEBHOOK_SECRET = "whsec_offline_test_gateway"  # noqa: S105
PAYMENTS_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default=OFFLINE_WEBHOOK_SECRET)
# Without a key, the offline test gateway takes payments (no network needed);
# production turns it off unless OFFLINE_GATEWAY says otherwise (staging).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
PAYMENTS_OFFLINE_GATEWAY = env.bool("OFFLINE_GATEWAY", default=True)
PAYMENTS_REQUIRE_GATEWAY = False
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
# Paystack takes the currencies staff give it (Settings -> Gateways by
# currency) once its secret key is set; it also signs its webhooks with it.
PAYSTACK_SECRET_KEY = env("PAYSTACK_SECRET_KEY", default="")
PAYSTACK_API_BASE = env("PAYSTACK_API_BASE", default="https://api.paystack.co")
# Razorpay (INR) likewise, with its own webhook secret.
RAZORPAY_KEY_ID = env("RAZORPAY_KEY_ID", default="")
RAZORPAY_KEY_SECRET = env("RAZORPAY_KEY_SECRET", default="")
RAZORPAY_WEBHOOK_SECRET = env("RAZORPAY_WEBHOOK_SECRET", default="")
RAZORPAY_API_BASE = env("RAZORPAY_API_BASE", default="https://api.razorpay.com")
# Seconds to wait for a payment gateway's answer before giving up.
PAYMENTS_GATEWAY_TIMEOUT = env.int("PAYMENTS_GATEWAY_TIMEOUT", default=10)
# The instructor's part of each sale after tax, in basis points (7000 = 70%);
# staff can set it per instructor and per course in the admin.
PAYMENTS_INSTRUCTOR_SHARE_BP = env.int("INSTRUCTOR_REVENUE_SHARE_BP", default=7000)
# Earnings wait this long (the refund window) before they can be paid out.
PAYMENTS_EARNINGS_HOLD_DAYS = env.int("EARNINGS_HOLD_DAYS", default=14)
# The smallest payout, in minor units of the payout's currency.
PAYMENTS_PAYOUT_MINIMUM = env.int("PAYOUT_MINIMUM", default=5000)
# An unpaid checkout gets one reminder after this long, and expires after that.
PAYMENTS_REMINDER_AFTER_MINUTES = env.int("CHECKOUT_REMINDER_AFTER_MINUTES", default=60)
PAYMENTS_ORDER_LIFETIME_HOURS = env.int("ORDER_LIFETIME_HOURS", default=24)

# AI TOOLS
# ------------------------------------------------------------------------------
# Per-tool secrets for launch tokens, as JSON {"https://tool.example": "secret"};
# a tool without one gets a key derived from SECRET_KEY.
AI_TOOL_SECRETS = env.json("AI_TOOL_SECRETS", default={})

# COURSES
# ------------------------------------------------------------------------------
COURSE_DEFAULT_CURRENCY = env("DEFAULT_CURRENCY", default="USD")
