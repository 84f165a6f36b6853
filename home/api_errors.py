"""The JSON API's one error shape, `{"detail": ..., "code": ...}`, for every
refusal: the site's own, ninja's, and Django's 404 and 403."""

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .errors import Refusal

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
}


class ApiError(HttpError):
    """A refusal with a code a client can branch on."""

    def __init__(self, status_code, message, code=None):
        super().__init__(status_code, message)
        self.code = code or CODES.get(status_code, "error")


class ErrorOut(Schema):
    """What every refusal of the API looks like."""

    detail: str | list = Field(
        description="What went wrong, in words (or, for "
        "invalid input, one entry per field)."
    )
    code: str = Field(description="A stable code a client can branch on.")


def refusals(*statuses):
    """`{status: ErrorOut}` for an operation's `response`: the refusals it
    declares, all in the one shape."""
    return dict.fromkeys(statuses, ErrorOut)


def error_body(detail, status, code=None):
    return {"detail": detail, "code": code or CODES.get(status, "error")}


def install(api):
    """Answer every refusal of `api` in the one shape."""

    def respond(request, detail, status, code=None, headers=None):
        response = api.create_response(
            request, error_body(detail, status, code), status=status
        )
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        headers = {}
        wait = getattr(exc, "wait", None)  # Throttled, and our own waits
        if wait:
            headers["Retry-After"] = str(math.ceil(wait))
        code = getattr(exc, "code", None)
        if isinstance(exc, AuthenticationError) and code is None:
            code = "not_authenticated"
        return respond(request, str(exc), exc.status_code, code, headers)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return respond(request, exc.errors, 422)

    @api.exception_handler(Refusal)
    def refusal(request, exc):
        response = respond(
            request, exc.message, exc.status_code, getattr(exc, "code", None)
        )
        if getattr(exc, "retry_after", None):  # a pause, say the velocity checks'
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, "Not found.", 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, str(exc) or "You may not do this.", 403)
