"""The AI-tool endpoints of the JSON API. A tool's server proves a result by
signing it with the tool's secret (`complete`); the learner's own browser may
pass on a self-reported claim (`claim`), which never counts as verified; a
tool can check a launch token before trusting it (`validate`)."""

from datetime import UTC, datetime

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field, ValidationError

from home.api_errors import ErrorOut
from home.api_pages import InputSchema
from home.errors import Refusal
from lessons.tool_tokens import (
    ToolTokenError,
    claim_launch,
    read_token,
    use_result_token,
)

from .services.activity import record_tool_result
from .services.requirements import lesson_state

router = Router(tags=["AI tools"])

REFUSALS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class TokenIn(InputSchema):
    token: str = Field(max_length=4096, description="The launch token.")


class ToolResult(Schema):
    completed: bool = False
    score: int | None = Field(default=None, ge=0, le=100)
    summary: str = Field(default="", max_length=500)


class ResultIn(InputSchema):
    result_token: str = Field(
        max_length=8192,
        description="A JWT signed by the tool's server with the tool's secret: "
        "iss the tool's origin, aud this site, sub the learner's pseudonym, "
        "launch the launch token's jti, purpose 'result', a result object, "
        "and an exp at most 10 minutes after iat.",
    )


class ClaimIn(TokenIn):
    result: ToolResult


class RequirementOut(Schema):
    id: str
    done: bool
    detail: str


class CompleteOut(Schema):
    recorded: bool
    verified: bool
    lesson_completed: bool
    requirements: list[RequirementOut]


class ValidateOut(Schema):
    valid: bool
    learner: str
    lesson: int
    block: str
    expires_at: str


@router.post(
    "/complete",
    response={200: CompleteOut, **REFUSALS},
    summary="Record a result signed by the tool",
)
def complete(request, body: ResultIn):
    """A result signed by the tool's own server, posted by that server or
    passed on by the lesson page: recorded as verified, once per launch."""
    try:
        launch, claimed = use_result_token(body.result_token)
        result = ToolResult.model_validate(claimed)
    except Refusal as refusal:
        raise HttpError(refusal.status_code, refusal.message) from refusal
    except ValidationError as error:
        raise HttpError(422, "The result is not in the expected shape.") from error
    return _record(launch, result, verified=True)


@router.post(
    "/claim",
    response={200: CompleteOut, **REFUSALS},
    auth=django_auth,
    summary="Pass on a result the tool's page reported",
)
def claim(request, body: ClaimIn):
    """What the tool's page told the learner's browser, passed on by the
    lesson page with the learner's session: recorded as self-reported."""
    try:
        launch = claim_launch(body.token, request.user)
    except Refusal as refusal:
        raise HttpError(refusal.status_code, refusal.message) from refusal
    return _record(launch, body.result, verified=False)


def _record(launch, result, *, verified):
    try:
        progress = record_tool_result(
            launch,
            completed=result.completed,
            score_percent=result.score,
            summary=result.summary,
            verified=verified,
        )
    except Refusal as refusal:
        raise HttpError(refusal.status_code, refusal.message) from refusal
    enrollment = progress.enrollment if progress else None
    state = lesson_state(enrollment, launch.lesson, progress)
    return {"recorded": True, "verified": verified, **state}


@router.post(
    "/validate",
    response={200: ValidateOut, **REFUSALS},
    summary="Check a launch token",
)
def validate(request, body: TokenIn):
    """Introspection for tools: who (by pseudonym) and which lesson a token is for."""
    try:
        claims, lesson = read_token(body.token)
    except ToolTokenError as error:
        raise HttpError(error.status_code, error.message) from error
    expires = datetime.fromtimestamp(claims["exp"], tz=UTC)
    return {
        "valid": True,
        "learner": claims["sub"],
        "lesson": lesson.pk,
        "block": claims["block"],
        "expires_at": expires.isoformat(),
    }
