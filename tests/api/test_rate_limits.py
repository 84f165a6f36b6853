"""API rate limits: per caller and per address, a 429 with Retry-After."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from learners.services.api_tokens import log_in_device
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {log_in_device(user, 'phone').access}"}


@override_settings(API_RATE_PER_CALLER=(3, 60), API_RATE_PER_ADDRESS=(100, 60))
@pytest.mark.usefixtures("still_clock")
def test_a_caller_over_their_limit_is_told_when_to_come_back(client):
    ann, bob = learner(username="ann"), learner(username="bob")

    as_ann = bearer(ann)
    answers = [client.get("/api/v1/me/", **as_ann) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another caller from the same address is still served.
    assert client.get("/api/v1/me/", **bearer(bob)).status_code == 200


@override_settings(API_RATE_PER_CALLER=(100, 60), API_RATE_PER_ADDRESS=(2, 60))
@pytest.mark.usefixtures("still_clock")
def test_one_address_is_limited_signed_in_or_not(client):
    assert client.get("/api/v1/courses/").status_code == 200
    assert client.get("/api/v1/courses/").status_code == 200

    refused = client.get("/api/v1/courses/", REMOTE_ADDR="127.0.0.1")

    assert refused.status_code == 429 and "Retry-After" in refused
    other = client.get("/api/v1/courses/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@override_settings(API_RATE_PER_CALLER=(1, 60), API_RATE_PER_ADDRESS=(1, 60))
def test_without_the_cache_the_api_keeps_answering(client, monkeypatch):
    def away(*args, **kwargs):
        raise ValueError("the counter is gone")

    monkeypatch.setattr(cache, "incr", away)

    answers = [client.get("/api/v1/courses/").status_code for _ in range(3)]

    assert answers == [200, 200, 200]


def test_the_schema_says_every_operation_may_answer_429(client):
    schema = client.get("/api/v1/openapi.json").json()

    for operations in schema["paths"].values():
        for operation in operations.values():
            assert "429" in operation["responses"]
