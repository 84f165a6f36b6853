"""Single sign-on through a real OpenID Connect provider (PyPI's
oidc-provider-mock, an authlib server, run on a local port): a new person
gets an account, a provider's verified address signs into the account that
verified it here, and nothing else takes over an existing account."""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from oidc_provider_mock import User, run_server_in_thread

from tests.courses.factories import UserFactory
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db

PEOPLE = [
    User(
        sub="amina",
        claims={
            "email": "amina@school.example",
            "email_verified": True,
            "given_name": "Amina",
            "family_name": "Diallo",
            "name": "Amina Diallo",
        },
    ),
    User(sub="owner", claims={"email": "owner@school.example", "email_verified": True}),
    User(
        sub="claimer",
        claims={"email": "owner@school.example", "email_verified": False},
    ),
]


@pytest.fixture
def identity_provider(db):
    with run_server_in_thread(user_claims=PEOPLE) as server:
        issuer = f"http://localhost:{server.server_port}"
        SocialApp.objects.create(
            provider="openid_connect",
            provider_id="school",
            name="Our school",
            client_id="coursewright",
            secret="provider-secret",
            settings={"server_url": issuer},
        )
        yield issuer


def sign_in_as(client, sub):
    """The browser's part: our button, the provider's consent, our callback."""
    start = client.post("/accounts/oidc/school/login/?process=login")
    assert start.status_code == 302, start.content
    consent = requests.post(
        start.url, data={"sub": sub}, allow_redirects=False, timeout=10
    )
    assert consent.status_code == 302, consent.text
    back = urlsplit(consent.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_the_login_page_offers_each_configured_provider(client, identity_provider):
    page = client.get("/accounts/login/")

    assert b"Sign in with Our school" in page.content
    assert b'action="/accounts/oidc/school/login/?process=login' in page.content


def test_a_new_person_signs_up_through_their_organisation(client, identity_provider):
    response = sign_in_as(client, "amina")

    assert response.status_code == 302
    user = signed_in_user(client)
    assert user.email == "amina@school.example"
    assert user.get_full_name() == "Amina Diallo"
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert SocialAccount.objects.get(user=user).uid == "amina"


def test_a_verified_address_signs_into_the_account_that_verified_it(
    client, identity_provider
):
    owner = learner(email="owner@school.example")

    sign_in_as(client, "owner")

    assert signed_in_user(client) == owner
    assert SocialAccount.objects.get(uid="owner").user == owner
    owner.refresh_from_db()
    assert owner.has_usable_password()


def test_an_address_nobody_verified_here_never_signs_into_that_account(
    client, identity_provider
):
    squatter = UserFactory(email="owner@school.example")
    EmailAddress.objects.create(user=squatter, email=squatter.email, verified=False)

    response = sign_in_as(client, "owner")

    assert signed_in_user(client) != squatter
    squatter.refresh_from_db()
    assert squatter.has_usable_password()  # left exactly as it was
    assert not SocialAccount.objects.filter(user=squatter).exists()
    # The person is asked to sign up with another address instead.
    assert response.status_code == 302
    assert response.url.startswith("/accounts/3rdparty/signup/")


def test_an_address_the_provider_did_not_verify_never_takes_over_an_account(
    client, identity_provider
):
    owner = learner(email="owner@school.example")

    sign_in_as(client, "claimer")

    assert signed_in_user(client) != owner
    assert not SocialAccount.objects.filter(user=owner).exists()


def test_staff_add_a_provider_and_its_button_appears(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    refused = client.post(
        "/admin/single_sign_on/new/",
        {
            "provider": "openid_connect",
            "provider_id": "district",
            "name": "District",
            "client_id": "cw",
            "secret": "s",
            "settings": '{"server_url": "http://idp.example"}',
        },
    )
    assert refused.status_code == 200
    assert b"needs a &quot;server_url&quot; on https" in refused.content

    added = client.post(
        "/admin/single_sign_on/new/",
        {
            "provider": "openid_connect",
            "provider_id": "district",
            "name": "District",
            "client_id": "cw",
            "secret": "s",
            "settings": '{"server_url": "https://idp.district.example"}',
        },
    )
    assert added.status_code == 302
    client.logout()
    page = client.get("/accounts/signup/")
    assert b"Sign in with District" in page.content
    assert "https://idp.district.example" in page["Content-Security-Policy"]
