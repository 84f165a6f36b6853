"""WSGI entry point used by gunicorn; it refuses to start with a system check
error (a production site without a payment gateway, say), as `migrate` does."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings.production")

application = get_wsgi_application()


def _refuse_broken_configuration():
    # Imported once get_wsgi_application() has set Django up.
    from django.core import checks
    from django.core.management.base import SystemCheckError

    errors = [m for m in checks.run_checks() if m.is_serious() and not m.is_silenced()]
    if errors:
        raise SystemCheckError("\n".join(f"{e.id}: {e.msg} {e.hint}" for e in errors))


_refuse_broken_configuration()
