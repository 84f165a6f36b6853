"""Staff's API keys: shown once, kept as a hash, scoped, revocable."""

import pytest

from learners.models import ApiKey
from learners.services.api_keys import ReadOnlyKey, user_for_api_key
from tests.courses.factories import UserFactory
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return UserFactory(username="ops", is_staff=True)


def test_a_key_is_kept_only_as_its_hash(admin_user):
    record, key = ApiKey.issue(admin_user, "reporting")

    assert key.startswith("cwk_") and len(key) > 40
    assert key not in (record.hashed, record.prefix)
    assert record.hashed == ApiKey.digest(key)
    assert str(record) == f"reporting ({key[4:12]}…)"


def test_a_key_opens_the_api_and_marks_when_it_was_used(client, admin_user):
    record, key = ApiKey.issue(admin_user, "reporting")

    response = client.get("/api/v1/me/", headers={"X-API-Key": key})

    assert response.status_code == 200 and response.json()["id"] == admin_user.pk
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_a_revoked_or_unknown_key_is_a_401(client, admin_user):
    record, key = ApiKey.issue(admin_user, "old")
    record.revoke()
    record.save()

    for attempt in (key, "cwk_guessed"):
        response = client.get("/api/v1/me/", headers={"X-API-Key": attempt})
        assert response.status_code == 401
        assert response.json()["code"] == "key_invalid"


def test_a_key_of_someone_no_longer_staff_opens_nothing(client, admin_user):
    _record, key = ApiKey.issue(admin_user, "reporting")
    admin_user.is_staff = False
    admin_user.save()

    assert client.get("/api/v1/me/", headers={"X-API-Key": key}).status_code == 401


def test_a_learners_key_opens_nothing(client):
    _record, key = ApiKey.issue(learner(), "mine")

    assert client.get("/api/v1/me/", headers={"X-API-Key": key}).status_code == 401


def test_a_read_key_may_not_write_and_a_write_key_may(admin_user):
    _read, read_key = ApiKey.issue(admin_user, "reporting", ApiKey.Scope.READ)
    _write, write_key = ApiKey.issue(admin_user, "enrolling", ApiKey.Scope.WRITE)

    with pytest.raises(ReadOnlyKey) as refused:
        user_for_api_key(read_key, writing=True)

    assert refused.value.status_code == 403
    assert refused.value.code == "key_read_only"
    assert user_for_api_key(read_key, writing=False) == admin_user
    assert user_for_api_key(write_key, writing=True) == admin_user
