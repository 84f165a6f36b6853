"""Ways into the JSON API besides the browser's session: a device's refresh
tokens (one family per log-in) and staff's personal API keys."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiDevice(models.Model):
    """One log-in of an app through `POST /api/v1/auth/token/`: the family of
    refresh tokens that descend from it. Revoking it (log-out, the learner's
    profile page, or a refresh token used twice) ends every token of it."""

    class Ended(models.TextChoices):
        LOGGED_OUT = "logged_out", _("Logged out")
        REVOKED = "revoked", _("Revoked by its owner")
        REUSED = "reused", _("A used refresh token came back")
        PASSWORD = "password", _("Password changed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_devices"
    )
    name = models.CharField(_("device"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("logged in"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_because = models.CharField(
        _("ended because"), max_length=20, choices=Ended.choices, blank=True
    )

    class Meta:
        verbose_name = _("app log-in")
        indexes = [models.Index(fields=["user", "ended_at"], name="api_device_user")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True, ended_because="")
                | models.Q(ended_at__isnull=False) & ~models.Q(ended_because=""),
                name="api_device_ended_with_a_reason",
            )
        ]

    def __str__(self):
        return self.name or f"device {self.pk}"

    @property
    def active(self):
        return self.ended_at is None

    def end(self, reason):
        """End the family, once: the first reason stays."""
        if self.ended_at is None:
            self.ended_at = timezone.now()
            self.ended_because = reason


class RefreshToken(models.Model):
    """One refresh token, by its id (the JWT's `jti`): usable once."""

    device = models.ForeignKey(
        ApiDevice, on_delete=models.CASCADE, related_name="refresh_tokens"
    )
    jti = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="refresh_token_expiry")]

    def __str__(self):
        return self.jti


class ApiKey(models.Model):
    """A staff member's key for an integration: shown once, kept as a hash."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("starts with"), max_length=PREFIX_LENGTH, unique=True)
    hashed = models.CharField(max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.READ
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest(key):
        # Keys are 256 random bits: a fast hash is as good as a slow one here.
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name, scope=Scope.READ):
        """A new key: the saved record, and the key itself (shown once)."""
        key = f"cwk_{secrets.token_urlsafe(32)}"
        record = cls.objects.create(
            user=user,
            name=name,
            scope=scope,
            prefix=key[4 : 4 + cls.PREFIX_LENGTH],
            hashed=cls.digest(key),
        )
        return record, key

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()


class IdempotentRequest(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key`, replayed
    for a repeat of that key by the same caller for a day. A row without a
    status is a request still running."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # method, path and body
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="one_answer_per_idempotency_key"
            )
        ]

    def __str__(self):
        return self.key
