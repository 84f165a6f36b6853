"""Dispatch Celery tasks through the outbox table, so a task is never lost.

`enqueue` writes the task in the caller's transaction and hands it to the
broker after commit. If the broker is down the row stays pending and
`flush_outbox` (a periodic task and a management command) sends it later.
Tasks are idempotent, so a task sent twice does no harm.
"""

import logging
import time

from celery import current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import OutboxTask

logger = logging.getLogger(__name__)
FLUSH_BATCH = 500
BROKER_DOWN_PAUSE = 30  # seconds
# Kept in this process, not in the cache: when the broker (Redis) is down,
# the cache on the same Redis is down too.
_broker_down_until = 0.0


def enqueue(task_name, *args):
    """Record `task_name(*args)` now; send it once the transaction commits."""
    item = OutboxTask.objects.create(task_name=task_name, args=list(args))
    transaction.on_commit(lambda: dispatch(item.pk))
    return item


def dispatch(item_id, force=False):
    """Send one pending task to the broker; leave it pending if that fails.

    After a failure, requests stop trying for a while (each try can take
    seconds); the periodic flush keeps trying with `force`.
    """
    global _broker_down_until
    if not force and time.monotonic() < _broker_down_until:
        return False
    with transaction.atomic():
        item = (
            OutboxTask.objects.select_for_update(skip_locked=True)
            .filter(pk=item_id, dispatched_at__isnull=True)
            .first()
        )
        if item is None:
            return False
        item.attempts += 1
        try:
            # Through the task object, so eager mode (no Redis) runs it at once.
            current_app.tasks[item.task_name].apply_async(args=item.args, retry=False)
        except (OperationalError, OSError) as error:
            item.last_error = str(error)[:1000]
            item.save(update_fields=["attempts", "last_error"])
            _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE
            logger.warning("Broker unreachable; %s stays in the outbox", item)
            return False
        item.dispatched_at = timezone.now()
        item.save(update_fields=["attempts", "dispatched_at"])
        return True


def flush_outbox():
    """Send every pending task, oldest first; return how many went out."""
    pending = OutboxTask.objects.filter(dispatched_at__isnull=True).order_by(
        "created_at"
    )
    ids = list(pending.values_list("pk", flat=True)[:FLUSH_BATCH])
    global _broker_down_until
    sent = sum(dispatch(pk, force=True) for pk in ids)
    if sent:
        _broker_down_until = 0.0
    return sent
