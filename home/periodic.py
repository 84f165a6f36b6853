"""Periodic tasks run once per interval, however many beats send them: each
takes a lock that expires a little before its next run (SET NX EX in Redis,
through the "strict" cache), so a second beat, or a manual run, in the same
interval finds it taken and does nothing. Exactly one beat should still run;
this is the safety net, not the plan."""

import functools
import logging

from django.core.cache import caches

logger = logging.getLogger(__name__)


def once_per(seconds):
    """Decorate a periodic task: it runs at most once per `seconds`."""

    def decorate(function):
        key = f"periodic:{function.__module__}.{function.__name__}"

        @functools.wraps(function)
        def run(*args, **kwargs):
            try:
                taken = caches["strict"].add(key, 1, timeout=seconds)
            except Exception:  # no lock store: the task's own idempotence holds
                logger.warning("No lock for %s; running it anyway", key)
                taken = True
            if not taken:
                logger.info("%s already ran in this interval", key)
                return {"skipped": "already ran in this interval"}
            try:
                return function(*args, **kwargs)
            except Exception:
                # A run that failed did not happen: its retry must not find
                # the interval taken.
                caches["strict"].delete(key)
                raise

        run.lock_key = key
        return run

    return decorate
