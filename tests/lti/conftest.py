"""A registered LTI platform peer (tests/lti/platform_peer.py) and the
browser side of its launches, driven through the Django test client."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from lti_tool.models import LtiDeployment, LtiRegistration

from .platform_peer import LEARNER, Member, PlatformPeer, login_params


@pytest.fixture
def peer(db, client):
    platform = PlatformPeer(settings.SITE_URL)
    fields = platform.registration_fields()
    deployment_id = fields.pop("deployment_ids")
    registration = LtiRegistration.objects.create(**fields)
    LtiDeployment.objects.create(
        registration=registration, deployment_id=deployment_id, is_active=True
    )
    platform.trust_tool_keys(client.get("/lti/jwks.json").json())
    platform.db_registration = registration
    yield platform
    platform.stop()


def learner_member(n=1, **fields):
    return Member(
        user_id=f"student-{n}",
        roles=[LEARNER],
        name=fields.pop("name", f"Student {n}"),
        **fields,
    )


def launch_through(client, peer, user, **launch):
    """The whole browser side of a launch: login initiation (past the
    cookie check), the platform's authorisation, the form post to the tool.
    Returns the tool's answer to the launch and the posted form."""
    url = peer.start(user, **launch)
    path = urlsplit(url)
    check = client.get(f"{path.path}?{path.query}")
    assert check.status_code == 200
    assert b"lti1p3_new_window" in check.content
    redirect = client.get(f"{path.path}?{path.query}&lti1p3_new_window=1")
    assert redirect.status_code == 302, redirect.content
    assert redirect.url.startswith(peer.url("/auth"))
    signed = peer.authorize(login_params(redirect.url))
    form = {"id_token": signed["id_token"], "state": signed["state"]}
    response = client.post(urlsplit(signed["launch_url"]).path, form)
    return response, form
