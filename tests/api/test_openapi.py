"""The API describes itself: every operation has a summary, typed answers
and the one error shape, and the schema is served without any CDN."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ERROR = "#/components/schemas/ErrorOut"


@pytest.fixture
def schema():
    return Client().get("/api/v1/openapi.json").json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_the_public_interface_is_in_the_schema(schema):
    paths = set(schema["paths"])

    assert {
        "/api/v1/auth/token/",
        "/api/v1/auth/refresh/",
        "/api/v1/auth/logout/",
        "/api/v1/me/",
        "/api/v1/me/enrollments/",
    } <= paths


def test_every_operation_has_a_summary_and_typed_answers(schema):
    for name, operation in operations(schema):
        assert operation.get("summary"), name
        for status, answer in operation["responses"].items():
            if status == "204":
                continue
            # JSON, or a file (a certificate or an invoice as a PDF, a
            # submitted file as handed in).
            (media,) = answer["content"]
            files = ("application/pdf", "application/octet-stream")
            assert media == "application/json" or media in files, (name, status)
            assert answer["content"][media]["schema"], (name, status)


def test_every_refusal_has_the_one_error_shape(schema):
    for name, operation in operations(schema):
        refusals = {
            status: answer
            for status, answer in operation["responses"].items()
            if status.startswith("4") or status.startswith("5")
        }
        assert refusals, name
        for status, answer in refusals.items():
            content = answer["content"]["application/json"]["schema"]
            assert content == {"$ref": ERROR}, (name, status)


def test_the_docs_page_needs_nothing_from_another_host(client):
    response = client.get("/api/v1/docs")
    page = response.content.decode()

    assert response.status_code == 200
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses and all(not a.startswith(("http", "//")) for a in addresses)
