"""Fixed-window counters in the cache, for rate limits: one atomic increment
per event. Without the cache (Redis away) nobody is counted, so what is
limited keeps working."""

import math
import time

from django.core.cache import cache


def count_event(key, limit, window):
    """Count one event for `key`; (over the limit, seconds until the window
    of `window` seconds starts again)."""
    now = time.time()
    number = math.floor(now / window)
    resets_in = (number + 1) * window - now
    counter = f"{key}:{number}"
    cache.add(counter, 0, window + 1)
    try:
        return (cache.incr(counter) or 0) > limit, resets_in
    except ValueError:  # the counter is gone: the cache is away
        return False, resets_in
