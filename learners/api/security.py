"""Who is calling: an app's access token, a staff member's API key, or the
browser's own session (with its CSRF token, as ninja checks for cookie
authentication)."""

from django.contrib.auth.models import AnonymousUser
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from home.page_cache import SAFE_METHODS

from ..services.api_keys import user_for_api_key
from ..services.api_tokens import user_for_access_token


class AccessToken(HttpBearer):
    """`Authorization: Bearer <access token>` from `POST /api/v1/auth/token/`.
    A token that opens nothing is a 401 whose `code` says why
    (`token_expired`, `token_invalid`, `token_revoked`)."""

    def authenticate(self, request, token):
        user = user_for_access_token(token)
        request.user = user
        return user


class ApiKey(APIKeyHeader):
    """`X-API-Key: cwk_...`, a staff member's key for an integration. A read
    key opens GET requests only."""

    param_name = "X-API-Key"

    def authenticate(self, request, key):
        if not key:
            return None  # no key sent: the next way in may apply
        user = user_for_api_key(key, writing=request.method not in SAFE_METHODS)
        request.user = user
        return user


# Tokens and keys first: an app sends no session cookie, a browser neither.
LEARNER = [AccessToken(), ApiKey(), SessionAuth()]


def anonymous(request):
    """The last way in for public reads: nobody in particular. A token or
    key that was sent but opens nothing is refused before this is asked."""
    return AnonymousUser()


# Public reads: the same callers, or nobody.
ANYONE = [*LEARNER, anonymous]
# ...which the schema says with an empty requirement beside the others
# (OpenAPI's way to make authentication optional); ninja adds it to the list.
OPTIONAL_AUTH = {"security": [{}]}
