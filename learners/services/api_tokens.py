"""Tokens for apps: a 15-minute access token and a one-use refresh token
that is replaced at each refresh, both JWTs signed by the site.

Each log-in is a device (`ApiDevice`): the family of refresh tokens that
descend from it. A refresh token that comes back after it was used means
someone else holds a copy, so the whole family ends and both holders must
log in again (OAuth 2.0 Security BCP, refresh token rotation).
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.errors import Refusal

from ..models import ApiDevice, RefreshToken

ACCESS_LIFETIME = timedelta(minutes=15)
REFRESH_LIFETIME = timedelta(days=30)
ALGORITHM = "HS256"
ISSUER = "coursewright"


class TokenRefused(Refusal):
    """A token that opens nothing; `code` says why."""

    status_code = 401

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    access_expires_at: datetime
    refresh_expires_at: datetime
    device: ApiDevice


def _key():
    """The signing key: its own setting, or one derived from SECRET_KEY so
    that no other signature of the site can pass for a token."""
    configured = getattr(settings, "API_TOKEN_KEY", "")
    if configured:
        return configured
    return hmac.new(
        settings.SECRET_KEY.encode(), b"coursewright.api-tokens", hashlib.sha256
    ).hexdigest()


def _encode(claims):
    return jwt.encode({"iss": ISSUER, **claims}, _key(), algorithm=ALGORITHM)


def _decode(token, kind, *, expired_ok=False):
    try:
        claims = jwt.decode(
            token,
            _key(),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={
                "require": ["exp", "iat", "sub", "typ", "fam"],
                "verify_exp": not expired_ok,
            },
        )
    except jwt.ExpiredSignatureError as error:
        raise TokenRefused(_("This token has expired."), "token_expired") from error
    except jwt.PyJWTError as error:
        raise TokenRefused(_("This token is not valid."), "token_invalid") from error
    if claims["typ"] != kind:
        raise TokenRefused(
            _("This is not an %(kind)s token.") % {"kind": kind}, "token_invalid"
        )
    return claims


def _pair(device, now):
    access_expires, refresh_expires = now + ACCESS_LIFETIME, now + REFRESH_LIFETIME
    jti = secrets.token_urlsafe(24)
    RefreshToken.objects.create(
        device=device, jti=jti, issued_at=now, expires_at=refresh_expires
    )
    common = {"sub": str(device.user_id), "fam": device.pk, "iat": now}
    return TokenPair(
        access=_encode({**common, "typ": "access", "exp": access_expires}),
        refresh=_encode(
            {**common, "typ": "refresh", "exp": refresh_expires, "jti": jti}
        ),
        access_expires_at=access_expires,
        refresh_expires_at=refresh_expires,
        device=device,
    )


def log_in_device(user, name=""):
    """A new device for `user` (already authenticated), with its first pair."""
    now = timezone.now()
    with transaction.atomic():
        device = ApiDevice.objects.create(
            user=user, name=name[:120], created_at=now, last_used_at=now
        )
        return _pair(device, now)


def refresh(token):
    """The next pair for a refresh token, which is used up by it."""
    claims = _decode(token, "refresh")
    now = timezone.now()
    with transaction.atomic():
        record = (
            RefreshToken.objects.select_for_update()
            .select_related("device")
            .filter(jti=claims.get("jti", ""), device_id=claims["fam"])
            .first()
        )
        if record is None:
            raise TokenRefused(_("This token is not valid."), "token_invalid")
        device = ApiDevice.objects.select_for_update().get(pk=record.device_id)
        if not device.active:
            raise TokenRefused(
                _("This log-in has ended; log in again."), "token_revoked"
            )
        if record.used_at is not None:
            device.end(ApiDevice.Ended.REUSED)
            device.save(update_fields=["ended_at", "ended_because"])
            # Raised after the commit, so the family stays ended.
            refused = TokenRefused(
                _("This token was used before; this log-in has ended."),
                "token_reused",
            )
        else:
            refused = None
            record.used_at = now
            record.save(update_fields=["used_at"])
            device.last_used_at = now
            device.save(update_fields=["last_used_at"])
            pair = _pair(device, now)
    if refused:
        raise refused
    return pair


def log_out(token):
    """End the device a refresh token belongs to (a used or expired one too:
    logging out must work whatever the app kept)."""
    claims = _decode(token, "refresh", expired_ok=True)
    end_device(claims["fam"], ApiDevice.Ended.LOGGED_OUT, user_id=int(claims["sub"]))


def end_device(device_id, reason, *, user_id):
    """End one of `user_id`'s devices; False when there is no such device."""
    with transaction.atomic():
        device = (
            ApiDevice.objects.select_for_update()
            .filter(pk=device_id, user_id=user_id)
            .first()
        )
        if device is None:
            return False
        device.end(reason)
        device.save(update_fields=["ended_at", "ended_because"])
    return True


def end_all_devices(user, reason):
    """Every device of `user` logged out at once (a new password)."""
    ApiDevice.objects.filter(user=user, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_because=reason
    )


def user_for_access_token(token):
    """The active user an access token speaks for, while its device lasts."""
    claims = _decode(token, "access")
    user = (
        get_user_model()
        ._default_manager.filter(
            pk=claims["sub"],
            is_active=True,
            api_devices__pk=claims["fam"],
            api_devices__ended_at__isnull=True,
        )
        .first()
    )
    if user is None:
        raise TokenRefused(_("This log-in has ended; log in again."), "token_revoked")
    return user
