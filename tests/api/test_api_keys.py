"""Staff's API keys: shown once, kept as a hash, scoped, revocable."""

import re

import pytest
from django.contrib.auth.models import Group

from home.models import AuditEntry
from home.roles import MODERATORS
from learners.models import ApiKey
from learners.services.api_keys import ReadOnlyKey, user_for_api_key
from tests.courses.factories import UserFactory
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return UserFactory(username="ops", is_staff=True)


@pytest.fixture
def moderator():
    """Staff who use the admin: moderators sign in to it."""
    user = UserFactory(username="mod")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


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


def test_staff_make_a_key_on_the_admin_screen_and_see_it_once(client, moderator):
    client.force_login(moderator)

    made = client.post("/admin/api-keys/", {"name": "Reporting", "scope": "write"})

    assert made.status_code == 200 and "no-store" in made["Cache-Control"]
    key = re.search(r'value="(cwk_[^"]+)"', made.content.decode()).group(1)
    record = ApiKey.objects.get()
    assert (record.name, record.scope, record.user) == (
        "Reporting",
        "write",
        moderator,
    )
    assert client.get("/api/v1/me/", headers={"X-API-Key": key}).status_code == 200
    later = client.get("/admin/api-keys/").content.decode()
    assert key not in later and f"cwk_{record.prefix}" in later
    assert AuditEntry.objects.filter(action="api_key_issued").exists()


def test_a_key_revoked_on_the_admin_screen_stops_working(client, moderator):
    record, key = ApiKey.issue(moderator, "old")
    client.force_login(moderator)

    client.post(f"/admin/api-keys/{record.pk}/revoke/")

    assert client.get("/api/v1/me/", headers={"X-API-Key": key}).status_code == 401
    assert AuditEntry.objects.filter(action="api_key_revoked").exists()


def test_staff_manage_only_their_own_keys_and_learners_none(client, moderator):
    other = UserFactory(username="ops2", is_staff=True)
    theirs, _key = ApiKey.issue(other, "theirs")
    client.force_login(moderator)

    assert "theirs" not in client.get("/admin/api-keys/").content.decode()
    assert client.post(f"/admin/api-keys/{theirs.pk}/revoke/").status_code == 404
    client.force_login(learner(username="someone"))
    assert client.get("/admin/api-keys/").status_code in (302, 403)
