"""The interface language: from the browser, said in the response."""

import pytest
from django.http import HttpResponse, HttpResponseNotFound

from home.locale_middleware import LocaleMiddleware

pytestmark = pytest.mark.django_db


def test_the_language_comes_from_the_browser_and_the_response_names_it(client):
    response = client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Content-Language"] == "fr"
    assert "Accept-Language" in response["Vary"]


def test_language_prefixed_urls_work_as_django_makes_them(rf):
    """With `i18n_patterns`, Django's own middleware decides (and adds a
    missing prefix)."""
    middleware = LocaleMiddleware(lambda request: HttpResponseNotFound())
    request = rf.get("/hello/", HTTP_ACCEPT_LANGUAGE="fr")
    request.urlconf = "tests.home.i18n_urls"

    response = middleware(request)

    assert response.status_code == 302 and response["Location"] == "/fr/hello/"
    prefixed = rf.get("/de/hello/", HTTP_ACCEPT_LANGUAGE="fr")
    prefixed.urlconf = "tests.home.i18n_urls"
    found = LocaleMiddleware(lambda request: HttpResponse())(prefixed)
    assert found["Content-Language"] == "de"
