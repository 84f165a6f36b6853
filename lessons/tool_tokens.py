"""Tokens between the site and its embedded AI tools, HS256 JWTs (PyJWT)
signed with the tool's secret:

- a launch token (site -> tool) names the learner only by a pseudonym; it
  sits in the learner's page, so it proves nothing about a result;
- a result token (tool -> site) is signed by the tool's own server, bound to
  one launch, addressed to this site and short-lived: the only kind of result
  that counts as verified.
"""

import hashlib
import hmac
import uuid
from datetime import timedelta
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.errors import Refusal

from .models import LessonPage, ToolLaunch

ALGORITHM = "HS256"
LIFETIME = timedelta(minutes=15)
REQUIRED_CLAIMS = [
    "iss", "aud", "sub", "exp", "iat", "jti", "lesson", "block", "purpose",
]  # fmt: skip
RESULT_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "launch", "purpose", "result"]
# A result token lives minutes; a launch takes results for a working session.
RESULT_LIFETIME = timedelta(minutes=10)
RESULT_WINDOW = timedelta(hours=4)
LAUNCH, RESULT = "launch", "result"
# What reading a token can raise when it is forged, malformed or for nothing
# of ours: every one of them is the same 401.
UNREADABLE = (
    jwt.PyJWTError,
    KeyError,
    ValueError,
    TypeError,
    LessonPage.DoesNotExist,
    ToolLaunch.DoesNotExist,
)


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


def launch_urls(user, lesson):
    """{block id: the lesson's AI tool address with a fresh launch token}
    for a learner the access policy let in (pages and API alike)."""
    if not user.is_authenticated:
        return {}
    urls = {}
    for block in lesson.body:
        if block.block_type == "ai_tool" and block.id in lesson.ai_tool_origins:
            token = issue_launch_token(user, lesson, block.id)
            url = block.value.launch_url
            separator = "&" if "?" in url else "?"
            urls[block.id] = f"{url}{separator}{urlencode({'token': token})}"
    return urls


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
        "purpose": LAUNCH,
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
        if claims["purpose"] != LAUNCH:
            raise ValueError("not a launch token")
    except jwt.ExpiredSignatureError as error:
        raise ToolTokenError(_("The token has expired.")) from error
    except UNREADABLE as error:
        raise ToolTokenError(_("The token is not valid.")) from error
    return claims, lesson


def sign_result(launch_claims, secret, result, *, lifetime=timedelta(minutes=5)):
    """A result token as a tool's server makes one, from the launch it read:
    addressed back to the site that launched it. Tools may use any JWT
    library; this is what the demo tool and the tests use."""
    now = timezone.now()
    claims = {
        "iss": launch_claims["aud"],
        "aud": launch_claims["iss"],
        "sub": launch_claims["sub"],
        "launch": launch_claims["jti"],
        "purpose": RESULT,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "result": result,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_result_token(token):
    """(launch, claims) of a result token signed with the secret of the tool
    the launch was for, for this site, for that learner, and fresh."""
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
        launch = ToolLaunch.objects.select_related("user").get(
            jti=str(unverified["launch"])
        )
        lesson = LessonPage.objects.live().get(pk=launch.lesson_id)
        origin = lesson.ai_tool_origins[launch.block_id]
        claims = jwt.decode(
            token,
            tool_secret(origin),
            algorithms=[ALGORITHM],
            audience=settings.SITE_URL,
            issuer=origin,
            options={"require": RESULT_CLAIMS},
        )
        if claims["purpose"] != RESULT:
            raise ValueError("not a result token")
        if claims["sub"] != learner_pseudonym(launch.user, origin):
            raise ValueError("another learner")
        if claims["exp"] - claims["iat"] > RESULT_LIFETIME.total_seconds():
            raise ValueError("lives too long")
    except jwt.ExpiredSignatureError as error:
        raise ToolTokenError(_("The result has expired.")) from error
    except UNREADABLE as error:
        raise ToolTokenError(_("The result is not signed by the tool.")) from error
    if launch.issued_at < timezone.now() - RESULT_WINDOW:
        raise ToolTokenError(_("This launch is too old; open the lesson again."))
    launch.lesson = lesson
    return launch, claims


def use_result_token(token):
    """Take a verified result once per launch; (launch, the tool's result)."""
    launch, claims = read_result_token(token)
    with transaction.atomic():
        locked = ToolLaunch.objects.select_for_update().get(pk=launch.pk)
        if locked.used_at is not None:
            raise TokenAlreadyUsed(_("A result for this launch was already recorded."))
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
    return launch, claims["result"]


def claim_launch(token, user):
    """A self-reported claim passed on by the learner's own browser: only with
    a valid launch token of that same learner, once per launch."""
    claims, lesson = read_token(token)
    with transaction.atomic():
        launch = (
            ToolLaunch.objects.select_for_update()
            .filter(jti=claims["jti"], lesson=lesson, block_id=claims["block"])
            .first()
        )
        if launch is None or launch.user_id != user.pk:
            raise ToolTokenError(_("The token is not valid."))
        if launch.claimed_at is not None:
            raise TokenAlreadyUsed(_("This launch already reported a result."))
        launch.claimed_at = timezone.now()
        launch.save(update_fields=["claimed_at"])
    launch.user, launch.lesson = user, lesson
    return launch
