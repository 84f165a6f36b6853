"""Rate limits for the JSON API: per caller and per address, in fixed
windows counted in the cache, answered with a 429 and Retry-After."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from ninja.throttling import BaseThrottle

from .window_counter import count_event


class WindowThrottle(BaseThrottle):
    """At most `limit` requests per `window` seconds for one key.

    ninja's own throttles keep every request's time in a list that is read
    and rewritten whole on each call; a counter per window is one atomic
    increment. Without the cache (Redis away) nobody is counted, so the API
    keeps answering."""

    def __init__(self, setting, key):
        self.setting = setting  # names the (requests, seconds) pair
        self.key = key  # request -> whose count, or None for nobody's
        self.resets_in = None

    def allow_request(self, request):
        ident = self.key(request)
        if ident is None:
            return True
        limit, window = getattr(settings, self.setting)
        over, self.resets_in = count_event(
            f"api-rate:{self.setting}:{ident}", limit, window
        )
        return not over

    def wait(self):
        return self.resets_in


def caller(request):
    """Each signed-in caller (whichever app, key or browser they call from)."""
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return f"user-{user.pk}"


def address(request):
    """Each client address, signed in or not (behind TRUSTED_PROXY_COUNT
    proxies, the client's own, as the log-in's limits work it out)."""
    return get_adapter(request).get_client_ip(request)


def api_throttles():
    """The limits every operation of the API is under."""
    return [
        WindowThrottle("API_RATE_PER_CALLER", caller),
        WindowThrottle("API_RATE_PER_ADDRESS", address),
    ]
