"""Start-up checks of a production site: no debug pages, a secret key of its
own, and the test gateway only where a staging site asked for it. `migrate`,
`check` and the WSGI start-up run them (with the production settings)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# Keys that are printed in this repository, or too short to be secret.
KNOWN_KEYS = {"dev-only-insecure-key-change-me", "test-only-insecure-key"}


@register(Tags.security, deploy=True)
def check_production_basics(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    problems = []
    if settings.DEBUG:
        problems.append(
            Error(
                "DEBUG is on in production: error pages would show code and settings.",
                id="home.E001",
            )
        )
    key = settings.SECRET_KEY or ""
    if key in KNOWN_KEYS or len(key) < 40 or len(set(key)) < 8:
        problems.append(
            Error(
                "SECRET_KEY is a published or weak key.",
                hint="Set SECRET_KEY to 50 or more random characters, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="home.E002",
            )
        )
    if settings.PAYMENTS_OFFLINE_GATEWAY and not settings.STRIPE_SECRET_KEY:
        problems.append(
            Warning(
                "The offline test gateway is on: courses are 'bought' without money.",
                hint="Only for a staging site. Unset OFFLINE_GATEWAY and set "
                "STRIPE_SECRET_KEY on a live site.",
                id="home.W001",
            )
        )
    problems += _credential_problems()
    return problems


def _credential_problems():
    """Certificates are signed as verifiable credentials: with a key of the
    site's own, against JSON-LD contexts installed beside it."""
    from pathlib import Path

    problems = []
    if not settings.CREDENTIAL_SIGNING_KEY:
        problems.append(
            Warning(
                "CREDENTIAL_SIGNING_KEY is unset: certificates' credentials are "
                "signed with a key derived from SECRET_KEY.",
                hint="Run `manage.py credential_key` and set its output as "
                "CREDENTIAL_SIGNING_KEY (README, certificates as credentials).",
                id="home.W002",
            )
        )
    if not Path(settings.JSONLD_CONTEXTS_FILE).is_file():
        problems.append(
            Error(
                "The JSON-LD contexts for signing credentials are missing.",
                hint="Run `make install` (it writes JSONLD_CONTEXTS_FILE).",
                id="home.E003",
            )
        )
    return problems
