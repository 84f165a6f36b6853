"""The learner's side of cmi5: the lesson page launches a unit (a POST, so a
launch is never a side effect of a page view), and the platform is the
record store the unit talks to: the one-time fetch URL, the statements,
state and agent profile resources of xAPI 1.0.3, authenticated by the
session's credential, never by a cookie, and open to the sandboxed frame
through CORS."""

import json
import uuid
from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from lessons.cmi5.player import unit_url

from . import services
from .access import lesson_access
from .models import Cmi5Statement
from .services import cmi5, cmi5_state
from .services.cmi5_rules import Cmi5Error, Forbidden, NotFound
from .views import login_needed, refusal

VERSION = "1.0.3"
MAX_BODY_BYTES = 1024 * 1024


# The lesson page ------------------------------------------------------------------


def launch_cmi5(request, lesson, block_id):
    """POST <lesson>/cmi5/<block>/launch/ with `au`: a new session, then
    the unit's address with the cmi5 launch parameters."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return login_needed(request, lesson)
    au_id = request.POST.get("au", "")
    try:
        try:
            session, key = cmi5.launch(request.user, lesson, block_id, au_id)
        except services.NotEnrolled:
            # Its instructor or staff trying the lesson: Browse mode.
            if not lesson_access(request.user, lesson).allowed:
                raise
            session, key = cmi5.launch(
                request.user, lesson, block_id, au_id, browse=True
            )
    except services.LearningError as error:
        return refusal(request, error, lesson=lesson)
    base = request.build_absolute_uri("/").rstrip("/")
    package, unit = cmi5.unit_of(lesson, block_id, session.au_id)
    url = unit_url(package, request.user, base, unit)
    parameters = cmi5.launch_parameters(session, key, base)
    parameters["actor"] = json.dumps(parameters["actor"], separators=(",", ":"))
    separator = "&" if "?" in url else "?"
    return HttpResponseRedirect(f"{url}{separator}{urlencode(parameters)}", status=303)


def cmi5_done(request, lesson, block_id):
    """GET <lesson>/cmi5/<block>/done/: where a unit sends the learner when
    it ends (its returnURL), inside the lesson's frame or its own window."""
    if block_id not in lesson.cmi5_blocks:
        raise Http404
    return render(request, "learners/cmi5_done.html", {"lesson": lesson})


# The record store ---------------------------------------------------------------


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Headers"] = (
        "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match"
    )
    response["Access-Control-Allow-Methods"] = "GET, PUT, POST, DELETE, OPTIONS"
    response["Access-Control-Expose-Headers"] = "X-Experience-API-Version"
    response["X-Experience-API-Version"] = VERSION
    response["Cache-Control"] = "no-store"
    return response


def _error(error):
    return _cors(JsonResponse({"error": error.message}, status=error.status_code))


def record_store(methods):
    """A resource of the store: CORS for the unit's frame, its preflight,
    the session from the Authorization header, refusals as JSON 4xx."""

    def wrap(view):
        @csrf_exempt  # no cookie is used: the session's credential is
        def resource(request, *args, **kwargs):
            if request.method == "OPTIONS":
                return _cors(HttpResponse(status=204))
            if request.method not in methods:
                return _cors(HttpResponseNotAllowed(methods))
            try:
                session = cmi5.authenticate(request.headers.get("Authorization"))
                return _cors(view(request, session, *args, **kwargs))
            except services.LearningError as error:
                return _error(error)

        return resource

    return wrap


@csrf_exempt
def fetch_token(request, session_id, key):
    """POST /xapi/cmi5/fetch/<session>/<key>/: the session's auth-token,
    once; the cmi5 fetch URL answers 200 with an error code otherwise."""
    if request.method == "OPTIONS":
        return _cors(HttpResponse(status=204))
    if request.method != "POST":
        return _cors(HttpResponseNotAllowed(["POST"]))
    return _cors(JsonResponse(cmi5.fetch_token(session_id, key)))


@record_store(["GET"])
def about(request, session):
    return JsonResponse({"version": [VERSION]})


@record_store(["GET", "PUT", "POST"])
def statements(request, session):
    if request.method == "GET":
        return _statement(request, session)
    body = _json_body(request)
    statement_id = request.GET.get("statementId")
    if request.method == "PUT":
        if not statement_id or not isinstance(body, dict):
            raise Cmi5Error(_("PUT one statement with its statementId."))
        cmi5.record_statements(session, body, statement_id=statement_id)
        return HttpResponse(status=204)
    return JsonResponse(cmi5.record_statements(session, body), safe=False)


def _statement(request, session):
    statement = (
        Cmi5Statement.objects.filter(
            pk=_uuid(request.GET.get("statementId")), session__user=session.user
        )
        .values_list("statement", flat=True)
        .first()
    )
    if statement is None:
        raise NotFound(_("No such statement of yours."))
    return JsonResponse(statement)


@record_store(["GET", "PUT", "POST", "DELETE"])
def state(request, session):
    agent = _agent(request)
    if agent != cmi5.actor(session.user)["account"]:
        raise Forbidden(_("The agent is not the learner of this launch."))
    where = (
        request.GET.get("activityId", ""),
        request.GET.get("registration", ""),
        request.GET.get("stateId"),
    )
    if request.method == "GET":
        base = request.build_absolute_uri("/").rstrip("/")
        found = cmi5_state.read(session, where, base)
        if found is None:
            raise NotFound(_("No such state document."))
        return HttpResponse(found[0], content_type=found[1])
    if request.method == "DELETE":
        cmi5_state.delete(session, where)
        return HttpResponse(status=204)
    content_type = request.content_type or "application/octet-stream"
    cmi5_state.write(
        session, where, _body(request), content_type, merge=request.method == "POST"
    )
    return HttpResponse(status=204)


@record_store(["GET", "PUT", "POST", "DELETE"])
def agent_profile(request, session):
    """Learner preferences are not kept: none to read, and a unit's change
    is declined with the 403 cmi5 tells units to expect."""
    if request.method != "GET":
        raise Forbidden(_("Learner preferences are set on the platform."))
    raise NotFound(_("No such profile document."))


def _agent(request):
    try:
        agent = json.loads(request.GET.get("agent", ""))
    except ValueError:
        raise Cmi5Error(_("Give the agent as JSON.")) from None
    if not isinstance(agent, dict) or not isinstance(agent.get("account"), dict):
        raise Cmi5Error(_("Give the agent as JSON."))
    account = agent["account"]
    return {"homePage": account.get("homePage"), "name": account.get("name")}


def _body(request):
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        raise Cmi5Error(_("The request is too large."))
    return body


def _json_body(request):
    # Plain floats: a score is a number to compare, and is stored as sent.
    try:
        return json.loads(_body(request))
    except (ValueError, RecursionError):
        raise Cmi5Error(_("The request is not valid JSON.")) from None


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Cmi5Error(_("Give a statementId.")) from None
