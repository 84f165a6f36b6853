"""A person signs in with their organisation's identity provider in
Chromium: the button on the log-in page, the provider's own page (an
authlib OpenID Connect server on a local port), and back, signed in, at
390 px as on a desk."""

import pytest
from allauth.socialaccount.models import SocialApp
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import expect

from tests.courses.factories import build_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def identity_provider(live_server):
    build_site()
    person = User(
        sub="amina",
        claims={
            "email": "amina@school.example",
            "email_verified": True,
            "given_name": "Amina",
            "family_name": "Diallo",
        },
    )
    with run_server_in_thread(user_claims=[person]) as server:
        SocialApp.objects.create(
            provider="openid_connect",
            provider_id="school",
            name="Our school",
            client_id="coursewright",
            secret="provider-secret",
            settings={"server_url": f"http://localhost:{server.server_port}"},
        )
        yield


@pytest.mark.parametrize("width", [1280, 390])
def test_signing_in_with_the_organisations_provider(
    browser, live_server, identity_provider, output_dir, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{live_server.url}/accounts/login/")
    page.screenshot(path=output_dir / f"login-{width}.png", full_page=True)
    page.get_by_role("button", name="Sign in with Our school").click()

    # The provider's page: Amina is a known person there.
    page.get_by_role("button", name="amina").click()

    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path=output_dir / f"dashboard-{width}.png", full_page=True)
    context.close()
