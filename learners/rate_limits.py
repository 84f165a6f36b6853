"""Answers for a person who has tried too often: 429 Too Many Requests with
`Retry-After`, whether allauth's rate limits stopped them (sign-up, password
reset, log-in lockout) or the certificate look-up limiter did."""

import logging

from allauth.account.adapter import get_adapter
from allauth.account.views import LoginView
from django.contrib import messages
from django.core.cache import caches
from django.forms.forms import NON_FIELD_ERRORS
from django.shortcuts import render
from django.utils.translation import gettext as _

from home.window_counter import count_event

from .sso import allow_provider_forms

logger = logging.getLogger(__name__)

# allauth counts log-in failures per address over five minutes.
LOCKOUT_SECONDS = 300
RATE_LIMIT_SECONDS = 60


VERIFY_LIMIT = 30  # certificate look-ups per minute from one address
VERIFY_WINDOW = 60


def verification_over_limit(request):
    """Whether this address has looked up too many certificates this minute
    (the verify page and the API share the count)."""
    # The client's own address, behind TRUSTED_PROXY_COUNT proxies, as allauth
    # works it out for its rate limits: not the proxy's, which all share.
    key = f"certificate-verify:{get_adapter(request).get_client_ip(request)}"
    return count_event(key, VERIFY_LIMIT, VERIFY_WINDOW)[0]


def with_retry_after(response, seconds):
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


def too_many_requests(request, exception=None):
    """`handler429`: allauth answers with it when a rate limit is reached."""
    return with_retry_after(render(request, "429.html"), RATE_LIMIT_SECONDS)


def rate_limits_work():
    """Whether the store the log-in rate limits count in can be reached. The
    "strict" cache alias raises instead of pretending, as the default does."""
    try:
        caches["strict"].get("rate-limits:ping")
    except Exception:  # any failure of the store means no
        logger.warning("The rate-limit store is unreachable; log-in is paused")
        return False
    return True


class LockoutAwareLoginView(LoginView):
    """allauth's log-in, answering a locked-out attempt with a 429 (the
    form still says why, in the site's words). While the rate limits cannot
    be counted, log-in fails closed: guessing passwords must not get easier
    because a cache is down."""

    def dispatch(self, request, *args, **kwargs):
        # Before allauth's own rate limit, which cannot count either.
        if request.method == "POST" and not rate_limits_work():
            return self.paused(request)
        response = super().dispatch(request, *args, **kwargs)
        # Its single sign-on buttons lead to the identity providers.
        return allow_provider_forms(request, response)

    def paused(self, request):
        messages.error(
            request,
            _(
                "Logging in is paused for a few minutes while part of the site "
                "recovers. Your courses and progress are safe; please try again "
                "shortly."
            ),
        )
        response = render(
            request, "account/login.html", {"form": self.get_form_class()()}
        )
        response.status_code = 503
        response["Retry-After"] = str(RATE_LIMIT_SECONDS)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code="too_many_login_attempts"):
            return with_retry_after(response, LOCKOUT_SECONDS)
        return response
