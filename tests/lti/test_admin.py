"""Staff register a learning platform (its deployments and terms) and read
the tool's configuration; a framed session's cookies cross sites on HTTPS;
a person's platform identities are in their data export and erasure."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from lti_tool.models import Key, LtiDeployment, LtiRegistration, LtiUser

from home.personal_data import parts
from lti.frames import FRAME_SESSION, CrossSiteCookieMiddleware
from lti.models import PlatformTerms
from tests.courses.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


PLATFORM = {
    "name": "School Moodle",
    "issuer": "https://moodle.school.example",
    "client_id": "abc123",
    "audience": "",
    "auth_url": "https://moodle.school.example/mod/lti/auth.php",
    "token_url": "https://moodle.school.example/mod/lti/token.php",
    "keyset_url": "https://moodle.school.example/mod/lti/certs.php",
    "is_active": "on",
    "deployment_ids": "7\n 12 \n7",
    "instructors_may_author": "on",
}


def test_staff_register_a_platform_with_its_deployments_and_terms(client, staff):
    response = client.post("/admin/lti_platforms/new/", PLATFORM)

    assert response.status_code == 302, response.content
    registration = LtiRegistration.objects.get(client_id="abc123")
    assert sorted(
        registration.deployments.values_list("deployment_id", "is_active")
    ) == [("12", True), ("7", True)]
    assert PlatformTerms.objects.get(registration=registration).instructors_may_author

    # Taking a deployment off the list stops its launches.
    edit = client.post(
        f"/admin/lti_platforms/edit/{registration.pk}/",
        {**PLATFORM, "deployment_ids": "12", "instructors_may_author": ""},
    )
    assert edit.status_code == 302
    assert not LtiDeployment.objects.get(deployment_id="7").is_active
    assert not PlatformTerms.objects.get(
        registration=registration
    ).instructors_may_author


def test_the_edit_form_names_deployments_whose_launches_were_refused(client, staff):
    registration = LtiRegistration.objects.create(
        **{
            k: v
            for k, v in PLATFORM.items()
            if k
            in ("name", "issuer", "client_id", "auth_url", "token_url", "keyset_url")
        }
    )
    LtiDeployment.objects.create(registration=registration, deployment_id="99")

    page = client.get(f"/admin/lti_platforms/edit/{registration.pk}/")

    assert b"Launches were refused from: 99." in page.content


def test_the_tool_configuration_page_lists_what_a_platform_needs(client, staff):
    page = client.get("/admin/lti/tool/")

    assert page.status_code == 200
    for address in ("/lti/login/", "/lti/launch/", "/lti/jwks.json"):
        assert address.encode() in page.content
    assert Key.objects.active().count() == 1


def test_the_tool_configuration_is_for_staff_only(client):
    client.force_login(UserFactory())

    assert client.get("/admin/lti/tool/").status_code in (302, 403)


def test_the_jwks_publishes_every_active_key_for_rotation(client, db):
    client.get("/lti/jwks.json")
    Key.objects.generate()

    keys = client.get("/lti/jwks.json").json()["keys"]

    assert len(keys) == 2
    assert {key["alg"] for key in keys} == {"RS256"}
    assert all("d" not in key for key in keys)  # never the private part


def test_a_framed_session_sends_its_cookies_cross_site_on_https_only():
    def view(request):
        response = HttpResponse()
        response.set_cookie("sessionid", "x", samesite="Lax", secure=True)
        return response

    middleware = CrossSiteCookieMiddleware(view)
    framed = RequestFactory().get("/", secure=True)
    framed.session = {FRAME_SESSION: ["https://moodle.school.example"]}
    plain = RequestFactory().get("/", secure=True)
    plain.session = {}

    assert middleware(framed).cookies["sessionid"]["samesite"] == "None"
    assert middleware(plain).cookies["sessionid"]["samesite"] == "Lax"


def test_platform_identities_are_exported_and_erased_with_the_person(db):
    user = UserFactory()
    registration = LtiRegistration.objects.create(
        **{
            k: v
            for k, v in PLATFORM.items()
            if k
            in ("name", "issuer", "client_id", "auth_url", "token_url", "keyset_url")
        }
    )
    LtiUser.objects.create(
        registration=registration, sub="s-1", email="sam@school.example", auth_user=user
    )
    (part,) = [part for part in parts() if part.name == "lti"]

    exported = part.export(user).records["lti_platform_identities"]
    assert exported[0]["email"] == "sam@school.example"
    assert exported[0]["platform"] == "School Moodle"

    part.erase(user, {})
    assert not LtiUser.objects.filter(sub="s-1").exists()
