"""Who is calling: an app's access token, or the browser's own session (with
its CSRF token, as ninja checks for cookie authentication)."""

from ninja.security import HttpBearer, SessionAuth

from ..services.api_tokens import user_for_access_token


class AccessToken(HttpBearer):
    """`Authorization: Bearer <access token>` from `POST /api/v1/auth/token/`.
    A token that opens nothing is a 401 whose `code` says why
    (`token_expired`, `token_invalid`, `token_revoked`)."""

    def authenticate(self, request, token):
        user = user_for_access_token(token)
        request.user = user
        return user


# Tokens first: an app sends no session cookie, a browser no bearer token.
LEARNER = [AccessToken(), SessionAuth()]
