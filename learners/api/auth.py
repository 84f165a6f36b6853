"""`/api/v1/auth/`: an app logs in with e-mail and password and gets a token
pair, refreshes it, and logs out. Logging in goes through allauth exactly as
the web log-in does: the same rate limits and lockout, and the same refusal
while those limits cannot be counted."""

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from home.api_errors import ApiError, ErrorOut, refusals
from home.api_pages import InputSchema

from ..rate_limits import LOCKOUT_SECONDS, RATE_LIMIT_SECONDS, rate_limits_work
from ..services import api_tokens

router = Router(tags=["Authentication"])

REFUSALS = refusals(400, 401, 403, 422)


class LogInIn(InputSchema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=4096)
    device: str = Field(
        default="",
        max_length=120,
        description="A name the learner will recognise on their profile page, "
        "such as 'Ada's phone'.",
    )


class RefreshIn(InputSchema):
    refresh: str = Field(max_length=4096)


class TokenOut(Schema):
    access: str
    refresh: str
    token_type: str = "Bearer"  # noqa: S105 (the scheme's name, not a secret)
    expires_in: int = Field(description="Seconds the access token lasts.")
    refresh_expires_in: int = Field(description="Seconds the refresh token lasts.")
    device: int = Field(description="This log-in's id, as the profile lists it.")


def token_out(pair):
    return TokenOut(
        access=pair.access,
        refresh=pair.refresh,
        expires_in=int(api_tokens.ACCESS_LIFETIME.total_seconds()),
        refresh_expires_in=int(api_tokens.REFRESH_LIFETIME.total_seconds()),
        device=pair.device.pk,
    )


class Locked(ApiError):
    def __init__(self, message, seconds):
        super().__init__(429, message, "too_many_attempts")
        self.wait = seconds


@router.post(
    "/token/",
    response={200: TokenOut, 429: ErrorOut, 503: ErrorOut, **REFUSALS},
    summary="Log in an app",
    auth=None,
)
def token(request, body: LogInIn):
    """A new access and refresh token for a learner's e-mail and password.
    The e-mail address must be verified."""
    if not rate_limits_work():
        paused = ApiError(
            503, _("Logging in is paused for a few minutes."), "login_paused"
        )
        paused.wait = RATE_LIMIT_SECONDS
        raise paused
    adapter = get_adapter(request)
    try:
        user = adapter.authenticate(request, email=body.email, password=body.password)
    except ValidationError as error:
        raise Locked(error.messages[0], LOCKOUT_SECONDS) from error
    if user is None:
        raise ApiError(
            401,
            _("The e-mail address and/or password you specified are not correct."),
            "invalid_credentials",
        )
    if not EmailAddress.objects.filter(
        user=user, email__iexact=body.email, verified=True
    ).exists():
        raise ApiError(
            403,
            _("Verify your e-mail address first: follow the link we sent you."),
            "email_unverified",
        )
    agent = request.headers.get("User-Agent", "")
    return token_out(api_tokens.log_in_device(user, body.device or agent))


@router.post(
    "/refresh/",
    response={200: TokenOut, **REFUSALS},
    summary="Swap a refresh token for a new pair",
    auth=None,
)
def refresh(request, body: RefreshIn):
    """Each refresh token works once. One used a second time ends its log-in
    (someone else has a copy): both holders must log in again."""
    return token_out(api_tokens.refresh(body.refresh))


@router.post(
    "/logout/",
    response={204: None, **REFUSALS},
    summary="Log an app out",
    auth=None,
)
def logout(request, body: RefreshIn):
    """Ends the log-in the refresh token belongs to, with all its tokens."""
    api_tokens.log_out(body.refresh)
    return Status(204, None)
