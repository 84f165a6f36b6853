"""Sessions made before home.auth_backends name Django's and allauth's own
backends; they are moved over to the new names, so nobody is logged out."""

import logging
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.db import migrations
from django.utils import timezone

BACKEND_SESSION_KEY = "_auth_user_backend"
OLD_TO_NEW = {
    "django.contrib.auth.backends.ModelBackend": "home.auth_backends.UserBackend",
    "allauth.account.auth_backends.AuthenticationBackend": (
        "home.auth_backends.AccountBackend"
    ),
}
BATCH = 1000

logger = logging.getLogger(__name__)


def rename_backends(apps, renames):
    """Rewrite each live session that names a renamed backend; a cached copy
    is dropped, so the next request reads the rewritten row."""
    Session = apps.get_model("sessions", "Session")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    changed, keys = [], []
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator(chunk_size=BATCH):
        data = store.decode(session.session_data)
        if data.get(BACKEND_SESSION_KEY) not in renames:
            continue
        data[BACKEND_SESSION_KEY] = renames[data[BACKEND_SESSION_KEY]]
        session.session_data = store.encode(data)
        changed.append(session)
        keys.append(session.session_key)
    Session.objects.bulk_update(changed, ["session_data"], batch_size=BATCH)
    if settings.SESSION_ENGINE.endswith("cached_db") and keys:
        prefix = import_module(settings.SESSION_ENGINE).KEY_PREFIX
        try:
            caches[settings.SESSION_CACHE_ALIAS].delete_many(
                [prefix + key for key in keys]
            )
        except Exception:  # the cache is down: its old copies expire unread
            logger.warning(
                "The session cache was not cleared: %s cached sessions will "
                "be asked to log in again if it comes back with them",
                len(keys),
            )


def forwards(apps, schema_editor):
    rename_backends(apps, OLD_TO_NEW)


def backwards(apps, schema_editor):
    rename_backends(apps, {new: old for old, new in OLD_TO_NEW.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_audit_log_and_erasure_setting"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
