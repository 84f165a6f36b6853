"""Answers for a person who has tried too often: 429 Too Many Requests with
`Retry-After`, whether allauth's rate limits stopped them (sign-up, password
reset, log-in lockout) or the certificate look-up limiter did."""

from allauth.account.views import LoginView
from django.forms.forms import NON_FIELD_ERRORS
from django.shortcuts import render

# allauth counts log-in failures per address over five minutes.
LOCKOUT_SECONDS = 300
RATE_LIMIT_SECONDS = 60


def with_retry_after(response, seconds):
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


def too_many_requests(request, exception=None):
    """`handler429`: allauth answers with it when a rate limit is reached."""
    return with_retry_after(render(request, "429.html"), RATE_LIMIT_SECONDS)


class LockoutAwareLoginView(LoginView):
    """allauth's log-in, answering a locked-out attempt with a 429 (the
    form still says why, in the site's words)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code="too_many_login_attempts"):
            return with_retry_after(response, LOCKOUT_SECONDS)
        return response
