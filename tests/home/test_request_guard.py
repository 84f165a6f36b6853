"""A NUL, another control character or broken UTF-8 anywhere a request
reaches the database gets a 400 that says what is wrong, never a 500."""

import pytest

from tests.courses.factories import build_site

pytestmark = pytest.mark.django_db

URLS = [
    "/courses/?q=%00",
    "/courses/?q=caf%ff",
    "/courses/?category=%01",
    "/certificates/verify/AB%00CD/",
    "/payments/success/?session_id=%00",
    "/%00/",
    "/accounts/login/?next=%00",
    "/api/v1/ai-tools/validate?x=%00",
]


@pytest.fixture(autouse=True)
def site():
    build_site()


@pytest.mark.parametrize("url", URLS)
def test_a_control_character_in_the_address_is_a_clear_400(client, url):
    response = client.get(url)

    assert response.status_code == 400
    body = response.content.decode()
    assert "control character" in body or "UTF-8" in body
    assert "Traceback" not in body


def test_a_nul_in_a_form_field_is_a_400(client):
    response = client.post(
        "/accounts/login/", {"login": "a\x00b@example.com", "password": "x"}
    )

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_the_session_cookie_is_a_400(client):
    client.cookies["sessionid"] = "abc\x00def"

    assert client.get("/courses/").status_code == 400


def test_ordinary_text_passes(client):
    assert client.get("/courses/?q=caf%C3%A9+au+lait").status_code == 200
