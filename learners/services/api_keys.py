"""Staff's personal API keys: found by their hash, scoped to reading or to
reading and writing, and stamped with when they were last used."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from home.roles import is_staff_member

from ..models import ApiKey
from .api_tokens import TokenRefused

# "Last used" to within a minute: a busy integration writes once a minute.
USE_RESOLUTION = timedelta(minutes=1)


class ReadOnlyKey(TokenRefused):
    status_code = 403


def user_for_api_key(key, *, writing):
    """The staff member a live key belongs to; a read key may not write."""
    record = (
        ApiKey.objects.select_related("user")
        .filter(hashed=ApiKey.digest(key), revoked_at__isnull=True)
        .first()
    )
    if record is None or not record.user.is_active or not is_staff_member(record.user):
        raise TokenRefused(_("This API key is not valid."), "key_invalid")
    if writing and record.scope != ApiKey.Scope.WRITE:
        raise ReadOnlyKey(_("This API key may only read."), "key_read_only")
    now = timezone.now()
    if record.last_used_at is None or now - record.last_used_at > USE_RESOLUTION:
        ApiKey.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
