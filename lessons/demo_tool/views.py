"""GET/POST /demo-tools/practice/: the practice tutor's own server.

It is framed by the lesson page in a sandbox without same-origin rights, so
it keeps no cookies: after the launch, its state travels in a form field it
signed itself. When the learner has answered enough questions right it signs
a result token, which the page passes on to the site's API."""

from urllib.parse import urlsplit

import jwt
from django.conf import settings
from django.core import signing
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ..tool_tokens import ALGORITHM, LAUNCH, sign_result, tool_secret
from .bank import RIGHT_ANSWERS_NEEDED, is_right, questions

SALT = "coursewright.demo-practice-tool"
STATE_MAX_AGE = 4 * 3600


def tool_origin():
    """The tool is served by this site, so its origin is the site's."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


@csrf_exempt  # no cookies in a sandboxed frame: the signed state is the credential
def practice(request):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    secret = tool_secret(tool_origin())
    if request.method == "GET":
        state = _launch(request, secret)
        if state is None:
            return _page(
                request, error=_("Open this tool from its lesson."), status=400
            )
        return _page(request, state=state, secret=secret)
    try:
        state = signing.loads(
            request.POST.get("state", ""), key=secret, salt=SALT, max_age=STATE_MAX_AGE
        )
    except signing.BadSignature:
        return _page(request, error=_("This practice session has ended."), status=400)
    bank = questions(state["topic"])
    feedback = None
    if request.POST.get("action") == "next":
        state["index"] = (state["index"] + 1) % len(bank)
    else:
        right = is_right(state["topic"], state["index"], request.POST.get("answer", ""))
        state["answered"] += 1
        state["right"] += int(right)
        feedback = (right, bank[state["index"]][2])
        if right:  # on to the next question; a wrong answer may be tried again
            state["index"] = (state["index"] + 1) % len(bank)
    result_token = None
    if state["right"] >= RIGHT_ANSWERS_NEEDED and not state["reported"]:
        state["reported"] = True
        result_token = sign_result(
            state["launch"],
            secret,
            {
                "completed": True,
                "score": round(100 * state["right"] / state["answered"]),
                "summary": f"{state['right']} of {state['answered']} answers right",
            },
        )
    return _page(
        request, state=state, secret=secret, feedback=feedback, result=result_token
    )


def _launch(request, secret):
    """A new session from the launch token the lesson page gave the frame."""
    try:
        claims = jwt.decode(
            request.GET.get("token", ""),
            secret,
            algorithms=[ALGORITHM],
            audience=tool_origin(),
            options={"require": ["iss", "aud", "sub", "exp", "jti", "purpose"]},
        )
    except jwt.PyJWTError:
        return None
    if claims["purpose"] != LAUNCH:
        return None
    referer = urlsplit(request.headers.get("Referer", ""))
    parent = f"{referer.scheme}://{referer.netloc}" if referer.netloc else ""
    return {
        "launch": {key: claims[key] for key in ("iss", "aud", "sub", "jti")},
        "parent": parent or claims["iss"],
        "topic": request.GET.get("topic", "python")[:20],
        "index": 0,
        "answered": 0,
        "right": 0,
        "reported": False,
    }


def _page(request, *, state=None, secret=None, feedback=None, result=None, **extra):
    status = extra.pop("status", 200)
    context = {"error": extra.get("error"), "feedback": feedback, "result": result}
    if state is not None:
        context.update(
            question=questions(state["topic"])[state["index"]][0],
            state=state,
            signed_state=signing.dumps(state, key=secret, salt=SALT),
            needed=RIGHT_ANSWERS_NEEDED,
            message={"type": "coursewright:tool-result", "result_token": result},
        )
    response = render(request, "lessons/demo_tool.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
