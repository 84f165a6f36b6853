"""Telling other systems about events, as Stripe does: each delivery is a
JSON POST signed with the endpoint's secret, sent after the change commits
(through the outbox), retried with growing pauses for a day, and logged.

Headers: `Coursewright-Event-Id` (the same for every retry: receivers
dedupe on it), `Coursewright-Event-Type`, and `Coursewright-Signature:
t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`. The
README shows how a receiver checks it.
"""

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .outbox import enqueue
from .webhook_models import ENDPOINTS_CACHE_KEY, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Coursewright-Signature"
TIMEOUT_SECONDS = 10
GIVE_UP_AFTER = timedelta(days=1)
LEASE = timedelta(seconds=2 * TIMEOUT_SECONDS)  # a sender's claim on a try
MAX_PAUSE = timedelta(hours=1)
RESPONSE_KEPT = 500  # characters of a failed answer kept in the log
ENDPOINTS_CACHE_SECONDS = 300


def publish(event_type, data):
    """Record `event_type` with `data` for every endpoint that wants it, in
    the caller's transaction; each delivery is sent once that commits."""
    endpoints = [pk for pk, types in _active_endpoints() if event_type in types]
    if not endpoints:
        return []
    event_id, now = uuid.uuid4(), timezone.now()
    payload = {
        "id": str(event_id),
        "type": event_type,
        "created": int(now.timestamp()),
        "data": json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
    }
    deliveries = []
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(
            endpoint_id=endpoint,
            event_id=event_id,
            event_type=event_type,
            payload=payload,
            created_at=now,
            next_attempt_at=now,
        )
        enqueue("home.tasks.deliver_webhook_task", delivery.pk)
        deliveries.append(delivery)
    return deliveries


def _active_endpoints():
    """[(endpoint id, its event types)], cached until an endpoint changes."""
    known = cache.get(ENDPOINTS_CACHE_KEY)
    if known is None:
        known = [
            (endpoint.pk, list(endpoint.event_types))
            for endpoint in WebhookEndpoint.objects.filter(active=True)
        ]
        cache.set(ENDPOINTS_CACHE_KEY, known, ENDPOINTS_CACHE_SECONDS)
    return known


def signature(secret, timestamp, body):
    """The `Coursewright-Signature` header's value for `body` (bytes)."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def pause_after(attempts):
    """1, 2, 4, 8 ... minutes between tries, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_PAUSE)


def deliver(delivery_id):
    """One try of a pending delivery that is due; True when it arrived. The
    try is claimed first (a short lease), so two senders never both send,
    and no database transaction stays open while the receiver answers."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return False
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    if not delivery.endpoint.url.lower().startswith(("https://", "http://")):
        return _record(delivery, None, "Only http and https addresses are sent to.")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Coursewright-Webhooks/1",
            "Coursewright-Event-Id": str(delivery.event_id),
            "Coursewright-Event-Type": delivery.event_type,
            SIGNATURE_HEADER: signature(
                delivery.endpoint.secret, int(time.time()), body
            ),
        },
    )
    code, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            code = answer.status
    except urllib.error.HTTPError as refused:
        code = refused.code
        error = refused.read(RESPONSE_KEPT).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError) as failure:
        error = str(failure)[:RESPONSE_KEPT]
    return _record(delivery, code, error)


def _claim(delivery_id):
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(
                pk=delivery_id,
                status=WebhookDelivery.Status.PENDING,
                next_attempt_at__lte=now,
            )
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + LEASE
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def _record(delivery, code, error):
    now = timezone.now()
    delivery.last_status_code = code
    delivery.last_error = error[:RESPONSE_KEPT]
    arrived = code is not None and 200 <= code < 300
    if arrived:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.last_error = ""
    elif now - delivery.created_at >= GIVE_UP_AFTER:
        delivery.status = WebhookDelivery.Status.FAILED
        logger.warning(
            "Webhook %s given up after %s tries", delivery, delivery.attempts
        )
    else:
        delivery.next_attempt_at = now + pause_after(delivery.attempts)
    delivery.save(
        update_fields=[
            "status",
            "delivered_at",
            "last_status_code",
            "last_error",
            "next_attempt_at",
        ]
    )
    return arrived


def deliver_due(limit=200):
    """Every pending delivery whose next try has come; returns how many
    arrived. Run every minute: the retries, and any send the outbox lost."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at")
    return sum(deliver(pk) for pk in due.values_list("pk", flat=True)[:limit])


def resend(delivery):
    """Send a delivery again now (the admin's "Resend"), whatever it did
    before: a new try of the same event, with the same event id."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING,
        next_attempt_at=timezone.now(),
        created_at=timezone.now(),  # another day of tries from now
    )
    enqueue("home.tasks.deliver_webhook_task", delivery.pk)
