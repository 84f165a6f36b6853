"""The AI-tool endpoints of the JSON API: tools report a learner's result with
the launch token, and can check a token before trusting it."""

from datetime import UTC, datetime

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from home.errors import Refusal
from learners.services.activity import record_tool_result

from .tool_tokens import ToolTokenError, read_token, use_token

router = Router(tags=["AI tools"])


class TokenIn(Schema):
    token: str = Field(max_length=4096)


class ToolResult(Schema):
    completed: bool = False
    score: int | None = Field(default=None, ge=0, le=100)
    summary: str = Field(default="", max_length=500)


class CompleteIn(TokenIn):
    result: ToolResult


class CompleteOut(Schema):
    recorded: bool
    lesson_completed: bool


class ValidateOut(Schema):
    valid: bool
    learner: str
    lesson: int
    block: str
    expires_at: str


@router.post("/complete", response=CompleteOut)
def complete(request, body: CompleteIn):
    """Record a tool's result once per token; the token is the only credential."""
    try:
        launch, _claims = use_token(body.token)
        progress = record_tool_result(
            launch,
            completed=body.result.completed,
            score_percent=body.result.score,
            summary=body.result.summary,
        )
    except Refusal as refusal:
        raise HttpError(refusal.status_code, refusal.message) from refusal
    return {
        "recorded": True,
        "lesson_completed": bool(progress and progress.is_completed),
    }


@router.post("/validate", response=ValidateOut)
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
