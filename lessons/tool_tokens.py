"""Launch tokens of embedded AI tools: short-lived HS256 JWTs (PyJWT) that
name the learner only by a pseudonym, checked in full and usable once."""

import hashlib
import hmac
import uuid
from datetime import timedelta

import jwt
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.errors import Refusal

from .models import LessonPage, ToolLaunch

ALGORITHM = "HS256"
LIFETIME = timedelta(minutes=15)
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "jti", "lesson", "block"]


class ToolTokenError(Refusal):
    status_code = 401


class TokenAlreadyUsed(ToolTokenError):
    status_code = 409


def tool_secret(origin):
    """The tool's own secret if one is configured, else a key derived from the
    site's secret (never the site secret itself)."""
    configured = settings.AI_TOOL_SECRETS.get(origin)
    if configured:
        return configured
    return hmac.new(
        settings.SECRET_KEY.encode(), f"ai-tool:{origin}".encode(), hashlib.sha256
    ).hexdigest()


def learner_pseudonym(user, origin):
    """The same learner gets the same id at one tool and different ids at
    different tools, so tools cannot join their records up."""
    key = tool_secret(origin).encode()
    return hmac.new(key, f"learner:{user.pk}".encode(), hashlib.sha256).hexdigest()[:32]


def issue_launch_token(user, lesson, block_id):
    origin = lesson.ai_tool_origins[block_id]
    now = timezone.now()
    launch = ToolLaunch.objects.create(
        jti=uuid.uuid4().hex, user=user, lesson=lesson, block_id=block_id
    )
    claims = {
        "iss": settings.SITE_URL,
        "aud": origin,
        "sub": learner_pseudonym(user, origin),
        "lesson": lesson.pk,
        "block": block_id,
        "iat": int(now.timestamp()),
        "exp": int((now + LIFETIME).timestamp()),
        "jti": launch.jti,
    }
    return jwt.encode(claims, tool_secret(origin), algorithm=ALGORITHM)


def read_token(token):
    """The verified claims of a token: algorithm, signature, audience (the
    block's own tool origin), issuer and expiry all checked."""
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
        lesson = LessonPage.objects.live().get(pk=int(unverified["lesson"]))
        origin = lesson.ai_tool_origins[str(unverified["block"])]
        claims = jwt.decode(
            token,
            tool_secret(origin),
            algorithms=[ALGORITHM],
            audience=origin,
            issuer=settings.SITE_URL,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError as error:
        raise ToolTokenError(_("The token has expired.")) from error
    except (
        jwt.PyJWTError,
        KeyError,
        ValueError,
        TypeError,
        LessonPage.DoesNotExist,
    ) as error:
        raise ToolTokenError(_("The token is not valid.")) from error
    return claims, lesson


def use_token(token):
    """Mark the token used and return its launch; a second use is refused."""
    claims, lesson = read_token(token)
    with transaction.atomic():
        launch = (
            ToolLaunch.objects.select_for_update()
            .select_related("user")
            .filter(jti=claims["jti"], lesson=lesson, block_id=claims["block"])
            .first()
        )
        if launch is None:
            raise ToolTokenError(_("The token is not valid."))
        if launch.used_at is not None:
            raise TokenAlreadyUsed(_("This token was already used."))
        launch.used_at = timezone.now()
        launch.save(update_fields=["used_at"])
    return launch, claims
