"""`Idempotency-Key` on the API's POSTs that create something: a repeat of a
key by the same caller gets the first answer again, not a second order or
enrolment (as Stripe's API does). The key is the caller's, kept for a day."""

import functools
import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Status
from pydantic import BaseModel

from home.api_errors import ApiError

from ..models import IdempotentRequest

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def idempotent(view):
    """Decorate an API view whose POST creates something."""

    @functools.wraps(view)
    def run(request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return view(request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise ApiError(422, _("An Idempotency-Key is at most 255 characters."))
        record, first = _claim(request, key)
        if not first:
            return _replay(record, _fingerprint(request))
        try:
            result = view(request, *args, **kwargs)
        except BaseException:
            record.delete()  # nothing was answered: a retry runs afresh
            raise
        status, value = (
            (result.status_code, result.value)
            if isinstance(result, Status)
            else (200, result)
        )
        record.status = status
        record.body = (
            value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        )
        record.save(update_fields=["status", "body"])
        return result

    return run


def _fingerprint(request):
    digest = hashlib.sha256()
    for part in (request.method, request.path, request.body):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _claim(request, key):
    """(the key's record, whether this request is the first with it)."""
    fingerprint = _fingerprint(request)
    try:
        with transaction.atomic():
            record = IdempotentRequest.objects.create(
                user=request.auth, key=key, fingerprint=fingerprint
            )
        return record, True
    except IntegrityError:
        record = IdempotentRequest.objects.filter(user=request.auth, key=key).first()
        if record is None:  # its first request failed a moment ago
            return _claim(request, key)
        if timezone.now() - record.created_at > KEPT_FOR:
            record.delete()  # expired before the purge came round: start over
            return _claim(request, key)
        return record, False


def _replay(record, fingerprint):
    if record.fingerprint != fingerprint:
        raise ApiError(
            422,
            _("This Idempotency-Key was used for a different request."),
            "idempotency_key_reused",
        )
    if record.status is None:
        raise ApiError(
            409,
            _("A request with this Idempotency-Key is still running; try again."),
            "idempotency_in_progress",
        )
    return Status(record.status, record.body)


def purge_expired():
    """Forget keys older than a day; returns how many."""
    cutoff = timezone.now() - KEPT_FOR
    deleted, _ = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
