"""Velocity checks at checkout: how many checkouts a person and a network
address start, and how often a card is declined, in the site's window.
Past a limit the checkout is refused with a 429 and the audit log records
it. Counted in the cache: while it is away nobody is counted, so buying
keeps working."""

from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.audit import record
from home.models import AuditEntry
from home.window_counter import count_event

from ..errors import CheckoutError
from ..models import CheckoutLimits


class TooManyAttempts(CheckoutError):
    status_code = 429

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


def _limits():
    site = Site.objects.filter(is_default_site=True).first()
    return CheckoutLimits.for_site(site) if site else CheckoutLimits()


def _blocked_key(user):
    return f"checkout:blocked:{user.pk}"


def check_checkout(user, address=None):
    """Count one checkout started by `user` from `address`; refuse it past
    the limits (or while a card they used is over its declines)."""
    limits = _limits()
    if not limits.enabled:
        return
    window = limits.window_minutes * 60
    if cache.get(_blocked_key(user)):
        _refuse(user, "card", window)
    counts = [(f"checkout:learner:{user.pk}", limits.per_learner, "person")]
    if address:
        counts.append((f"checkout:address:{address}", limits.per_address, "address"))
    for key, limit, what in counts:
        over, resets_in = count_event(key, limit, window)
        if over:
            _refuse(user, what, resets_in)


def count_declined_card(user, fingerprint):
    """A payment by `user` with this card was declined; past the card's
    limit, the person may start no more checkouts in the window."""
    limits = _limits()
    if not limits.enabled or not fingerprint or user is None:
        return False
    window = limits.window_minutes * 60
    over, _resets_in = count_event(
        f"checkout:card:{fingerprint}", limits.per_card, window
    )
    if over:
        cache.set(_blocked_key(user), 1, window)
        record(
            AuditEntry.Action.CHECKOUT_REFUSED,
            user,
            f"a card declined more than {limits.per_card} times; checkouts paused",
        )
    return over


def _refuse(user, what, retry_after):
    record(
        AuditEntry.Action.CHECKOUT_REFUSED,
        user,
        f"too many checkouts by one {what}",
        actor=user,
    )
    minutes = max(1, round(retry_after / 60))
    raise TooManyAttempts(
        _(
            "Too many payment attempts in a short time. For your safety, "
            "checkout is paused: please try again in %(minutes)s minutes, or "
            "contact us if you need help."
        )
        % {"minutes": minutes},
        retry_after,
    )
