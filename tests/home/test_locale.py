"""The interface language is the address's: a prefix names it, and an address
without one is in the default language, whatever the browser asks for."""

import pytest

from home.languages import switcher_links, unprefixed
from home.locale_middleware import language_of_path

pytestmark = pytest.mark.django_db


def test_an_address_without_a_prefix_is_in_the_default_language(client):
    response = client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Content-Language"] == "en"
    # The same address is the same page for everyone: nothing to vary on.
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/fr/courses/", "fr"),
        ("/es/", "es"),
        ("/af/dashboard/", "af"),
        ("/courses/", "en"),
        ("/", "en"),
        ("/french/", "en"),
        ("/de/courses/", "en"),  # not one of the site's languages
    ],
)
def test_the_first_part_of_the_address_names_the_language(path, language):
    assert language_of_path(path) == language


def test_a_prefixed_page_is_served_in_its_language(client, site):
    response = client.get("/fr/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def test_the_switcher_keeps_the_path_under_each_prefix():
    links = switcher_links("/fr/dashboard/", "tab=done")

    assert [(code, address) for code, _name, address, _now in links] == [
        ("en", "/dashboard/?tab=done"),
        ("fr", "/fr/dashboard/?tab=done"),
        ("es", "/es/dashboard/?tab=done"),
        ("af", "/af/dashboard/?tab=done"),
    ]
    assert unprefixed("/af/") == "/"
    assert unprefixed("/courses/") == "/courses/"
