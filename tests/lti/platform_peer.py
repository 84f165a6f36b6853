"""A real LTI 1.3 platform for the tests, built on PyPI's lti1p3platform
(the platform side of the protocol, as an LMS would run it): it starts
launches and deep links, signs id_tokens with its own RSA key, and serves
its keys, OAuth2 tokens, gradebook (AGS) and class list (NRPS) over HTTP on
a local port, checking every bearer token the tool presents."""

import itertools
import json
import threading
import uuid
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.exceptions import LineItemNotFoundException
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import (
    AssignmentsGradesService,
    NamesRoleProvisioningService,
)
from werkzeug.serving import make_server
from werkzeug.wrappers import Request as HttpRequest
from werkzeug.wrappers import Response as HttpResponse

LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
DEPLOYMENT_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"


def _rsa_pair():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )
    return private, public


@dataclass
class Member:
    user_id: str
    roles: list
    name: str = ""
    email: str = ""
    status: str = "Active"


@dataclass
class PendingLaunch:
    user: Member
    deep_link: bool = False
    target: str = ""
    resource_link_id: str = ""
    custom: dict = field(default_factory=dict)
    extra_claims: dict = field(default_factory=dict)
    expires_in: int = 300


class _Request(Request):
    def build_metadata(self, request):
        is_json = "json" in (request.content_type or "")
        body = request.get_data(as_text=True) if is_json else ""
        form = (
            request.form.to_dict() if request.method == "POST" and not is_json else {}
        )
        return {
            "method": request.method,
            "form_data": form,
            "get_data": request.args.to_dict(),
            "headers": request.headers,
            "content_type": request.content_type,
            "path": request.path,
            "json": json.loads(body) if body else None,
        }


class _Config(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, registration):
        self._registration = registration

    def get_registration_by_params(self, **kwargs):
        return self._registration


class _Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = kwargs["hint"]

    def get_redirect(self, url):
        return url


class _Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        return launch_data


class _Gradebook(AssignmentsGradesService):
    def __init__(self, request, peer, **kwargs):
        super().__init__(request, peer.config, peer.url("/lineitems"), **kwargs)
        self.peer = peer

    def find_lineitems(self, page=1, limit=None, **filters):
        items = [
            item
            for item in self.peer.lineitems.values()
            if all(item.get(_camel(key)) == value for key, value in filters.items())
        ]
        return {"content": items, "has_next": False, "next": None}

    def _existing(self, line_item_id):
        if line_item_id not in self.peer.lineitems:
            raise LineItemNotFoundException()
        return self.peer.lineitems[line_item_id]

    def find_lineitem(self, line_item_id):
        return self._existing(line_item_id)

    def create_lineitem(self, lineitem):
        number = next(self.peer.numbers)
        item = {**lineitem, "id": self.peer.url(f"/lineitems/{number}")}
        self.peer.lineitems[str(number)] = item
        return item

    def update_lineitem(self, lineitem):
        number = str(lineitem["id"]).rsplit("/", 1)[-1]
        item = {**self._existing(number), **lineitem}
        item["id"] = self.peer.url(f"/lineitems/{number}")
        self.peer.lineitems[number] = item
        return item

    def delete_lineitem(self, line_item_id):
        self._existing(line_item_id)
        del self.peer.lineitems[line_item_id]
        self.peer.scores.pop(line_item_id, None)

    def update_score(self, line_item_id, score):
        self._existing(line_item_id)
        self.peer.scores.setdefault(line_item_id, []).append(score)
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id, page=1, limit=None, user_id=None):
        """Each learner's latest score in the column, as AGS results."""
        column = self._existing(line_item_id)
        latest = {}
        for score in self.peer.scores.get(line_item_id, []):
            latest[score["userId"]] = score
        results = [
            {
                "id": f"{column['id']}/results/{user}",
                "scoreOf": column["id"],
                "userId": user,
                "resultScore": score.get("scoreGiven"),
                "resultMaximum": score.get("scoreMaximum"),
            }
            for user, score in latest.items()
            if user_id is None or user == user_id
        ]
        return {"content": results, "has_next": False, "next": None}


class _ClassList(NamesRoleProvisioningService):
    def __init__(self, request, peer):
        super().__init__(request, peer.config, peer.url("/memberships"))
        self.peer = peer

    def get_member_data_page(self, page=1, limit=None, role=None, since=None):
        members = [
            {
                "user_id": member.user_id,
                "roles": member.roles,
                "name": member.name,
                "email": member.email,
                "status": member.status,
            }
            for member in self.peer.members
        ]
        return {"content": members, "has_next": False, "next": None}

    def get_context_by_id(self):
        return Context(
            id=self.peer.context_id, label="BIO-101", title=self.peer.context_title
        )


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class PlatformPeer:
    """One platform with one registration of the tool. `tool_url` is where
    the tool lives (the Django test client's `http://testserver`, or a live
    server); the tool's keys come from its JWKS endpoint."""

    def __init__(self, tool_url, client_id="tool-client", deployment_id="deployment-1"):
        self.tool_url = tool_url.rstrip("/")
        self.client_id = client_id
        self.deployment_id = deployment_id
        self.context_id = "course-" + uuid.uuid4().hex[:8]
        self.context_title = "Biology 101"
        self.private_key, self.public_key = _rsa_pair()
        self.pending = {}
        self.lineitems = {}
        self.scores = {}
        self.members = []
        self.deep_links = []
        self.numbers = itertools.count(1)
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        self.issuer = self.base
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        registration = (
            Registration()
            .set_iss(self.issuer)
            .set_client_id(client_id)
            .set_deployment_id(deployment_id)
            .set_oidc_login_url(f"{self.tool_url}/lti/login/")
            .set_launch_url(f"{self.tool_url}/lti/launch/")
            .set_deeplink_launch_url(f"{self.tool_url}/lti/launch/")
            .set_platform_public_key(self.public_key)
            .set_platform_private_key(self.private_key)
        )
        self.config = _Config(registration=registration)
        self.registration = registration

    def url(self, path):
        return self.base + path

    def stop(self):
        self._server.shutdown()

    # What the tool's staff screen asks for.
    def registration_fields(self):
        return {
            "name": "Peer LMS",
            "issuer": self.issuer,
            "client_id": self.client_id,
            "auth_url": self.url("/auth"),
            "token_url": self.url("/token"),
            "keyset_url": self.url("/jwks"),
            "deployment_ids": self.deployment_id,
        }

    def trust_tool_keys(self, jwks):
        self.registration.set_tool_key_set(jwks)

    # Starting a launch: the platform's login initiation to the tool.
    def start(self, user, **launch):
        hint = uuid.uuid4().hex
        self.pending[hint] = PendingLaunch(user=user, **launch)
        login = _Login(None, self.config)
        login.set_lti_message_hint(hint=hint)
        return login.prepare_preflight_url(user.user_id)

    def authorize(self, params):
        """The platform's OIDC authorisation endpoint: the signed launch
        (`launch_url`, `id_token`, `state`) for the tool's redirect."""
        pending = self.pending[params["lti_message_hint"]]
        request = _FormRequest(params)
        message = _Launch(request, self.config)
        message.set_user_data(
            pending.user.user_id,
            pending.user.roles,
            full_name=pending.user.name or None,
            email_address=pending.user.email or None,
        )
        message.set_launch_context_claim(
            self.context_id,
            context_types=[
                "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"
            ],
            context_title=self.context_title,
            context_label="BIO-101",
        )
        message.set_launch_presentation_claim(
            document_target="iframe", return_url=self.url("/return")
        )
        message.set_nrps(self.url("/memberships"))
        message.set_ags(self.url("/lineitems"))
        message.set_id_token_expiration(pending.expires_in)
        if pending.deep_link:
            message.set_dl(self.url("/deep-link-return"), title="Add content")
        else:
            message.set_resource_link_claim(
                pending.resource_link_id or "link-" + uuid.uuid4().hex[:8]
            )
            message.set_launch_url(pending.target or f"{self.tool_url}/lti/launch/")
        if pending.custom:
            message.set_custom_parameters_claim(pending.custom)
        if pending.extra_claims:
            message.set_extra_claims(pending.extra_claims)
        return message.lti_launch()

    # The HTTP side: what the tool calls.
    @HttpRequest.application
    def _app(self, request):
        path = request.path.rstrip("/")
        wrapped = _Request(request)
        if path == "/jwks":
            return _json(self.config.get_jwks())
        if path == "/token":
            try:
                return _json(self.config.get_access_token(request.form.to_dict()))
            except Exception as error:  # the tool's assertion did not check out
                return _json({"error": "invalid_client", "detail": str(error)}, 400)
        if path == "/auth":
            launch = self.authorize(request.args.to_dict())
            return HttpResponse(_autopost(launch), content_type="text/html")
        if path == "/deep-link-return":
            items = self.config.validate_deeplinking_resp(request.form.to_dict())
            self.deep_links.append(items)
            return HttpResponse(
                "<!DOCTYPE html><title>Added</title><h1>Added</h1>",
                content_type="text/html",
            )
        if path == "/memberships":
            service = _ClassList(wrapped, self)
            return _service(service.handle_resp(service.handle_get_members))
        if path == "/lineitems":
            service = _Gradebook(wrapped, self)
            if request.method == "POST":
                return _service(service.handle_resp(service.handle_create_lineitem))
            return _service(service.handle_resp(service.handle_get_lineitems))
        parts = path.split("/")
        if len(parts) in (3, 4) and parts[1] == "lineitems":
            number = parts[2]
            service = _Gradebook(
                wrapped, self, lineitem_url=self.url(f"/lineitems/{number}")
            )
            handler = {
                ("scores", "POST"): service.handle_update_score,
                ("results", "GET"): service.handle_get_results,
                ("", "GET"): service.handle_get_lineitem,
                ("", "PUT"): service.handle_update_lineitem,
                ("", "DELETE"): service.handle_delete_lineitem,
            }.get((parts[3] if len(parts) == 4 else "", request.method))
            if handler is not None:
                return _service(service.handle_resp(handler, line_item_id=number))
        return HttpResponse("not found", status=404)

    def scores_for(self, lineitem_id):
        return self.scores.get(str(lineitem_id).rsplit("/", 1)[-1], [])


class _FormRequest(Request):
    def build_metadata(self, params):
        return {
            "method": "GET",
            "get_data": dict(params),
            "form_data": {},
            "headers": {},
            "content_type": None,
            "path": "/auth",
            "json": None,
        }


def _json(data, status=200):
    return HttpResponse(
        json.dumps(data), status=status, content_type="application/json"
    )


def _service(response):
    if 200 <= response.code < 300:
        body = response.result
        if isinstance(body, dict) and "content" in body:
            body = body["content"]
        return HttpResponse(
            json.dumps(body) if body is not None else "",
            status=response.code,
            content_type=response.media_type,
        )
    return HttpResponse(
        json.dumps({"error": response.message}),
        status=response.code,
        content_type="application/json",
    )


def _autopost(launch):
    fields = "".join(
        f'<input type="hidden" name="{name}" value="{launch[name]}">'
        for name in ("id_token", "state")
    )
    return (
        "<!DOCTYPE html><html><head><title>Launching</title></head><body>"
        f'<form id="launch" method="post" action="{launch["launch_url"]}">{fields}'
        '<button type="submit">Launch</button></form>'
        "<script>document.getElementById('launch').submit()</script></body></html>"
    )


def login_params(url):
    from urllib.parse import parse_qs, urlsplit

    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
