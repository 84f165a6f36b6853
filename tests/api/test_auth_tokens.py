"""Apps log in with tokens: short access tokens, one-use refresh tokens, and
a family that ends when a used refresh token comes back."""

from datetime import timedelta

import jwt
import pytest
from django.utils import timezone

from learners.models import ApiDevice
from learners.services import api_tokens
from tests.courses.factories import UserFactory
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def ada():
    return learner(username="ada", email="ada@example.com")


def log_in(client, email="ada@example.com", password=PASSWORD, **extra):
    return client.post(
        "/api/v1/auth/token/",
        {"email": email, "password": password, **extra},
        content_type="application/json",
    )


def refresh(client, token):
    return client.post(
        "/api/v1/auth/refresh/", {"refresh": token}, content_type="application/json"
    )


def me(client, access):
    return client.get("/api/v1/me/", headers={"Authorization": f"Bearer {access}"})


def test_an_app_logs_in_and_reads_the_learners_account(client, ada):
    response = log_in(client, device="Ada's phone")

    assert response.status_code == 200
    tokens = response.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    assert tokens["refresh_expires_in"] == 30 * 24 * 3600
    assert ApiDevice.objects.get(pk=tokens["device"]).name == "Ada's phone"
    answer = me(client, tokens["access"])
    assert answer.status_code == 200
    assert answer.json()["email"] == "ada@example.com"


def test_a_wrong_password_is_a_401_with_a_code(client, ada):
    response = log_in(client, password="wrong")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_an_unverified_address_cannot_log_in_an_app(client):
    UserFactory(username="new", email="new@example.com")

    response = log_in(client, email="new@example.com")

    assert response.status_code == 403
    assert response.json()["code"] == "email_unverified"
    assert not ApiDevice.objects.exists()


def test_the_web_lockout_applies_to_apps_too(client, ada):
    for _ in range(5):
        log_in(client, password="wrong")

    response = log_in(client)  # the right password, too late

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert int(response["Retry-After"]) > 0


def test_a_refresh_gives_a_new_pair_and_uses_up_the_old_token(client, ada):
    first = log_in(client).json()

    second = refresh(client, first["refresh"])

    assert second.status_code == 200
    assert second.json()["refresh"] != first["refresh"]
    assert me(client, second.json()["access"]).status_code == 200


def test_a_refresh_token_used_twice_ends_its_whole_family(client, ada):
    first = log_in(client).json()
    second = refresh(client, first["refresh"]).json()

    replay = refresh(client, first["refresh"])

    assert replay.status_code == 401 and replay.json()["code"] == "token_reused"
    device = ApiDevice.objects.get()
    assert device.ended_because == ApiDevice.Ended.REUSED
    # The newer tokens of the family are dead too, for both holders.
    assert refresh(client, second["refresh"]).json()["code"] == "token_revoked"
    assert me(client, second["access"]).json()["code"] == "token_revoked"


def test_other_log_ins_survive_one_familys_end(client, ada):
    phone, tablet = log_in(client).json(), log_in(client).json()
    refresh(client, phone["refresh"])
    refresh(client, phone["refresh"])

    assert me(client, tablet["access"]).status_code == 200


def test_an_expired_access_token_is_a_401_with_a_clear_code(client, ada):
    pair = api_tokens.log_in_device(ada, "old")
    claims = jwt.decode(pair.access, options={"verify_signature": False})
    claims["exp"] = timezone.now() - timedelta(seconds=1)
    expired = jwt.encode(claims, api_tokens._key(), algorithm=api_tokens.ALGORITHM)

    response = me(client, expired)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This token has expired.",
        "code": "token_expired",
    }


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        jwt.encode(
            {"sub": "1", "typ": "access"},
            "a guessed key that is long enough for HMAC-SHA256",
            algorithm="HS256",
        ),
    ],
)
def test_a_forged_or_broken_token_opens_nothing(client, ada, token):
    response = me(client, token)

    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_a_refresh_token_is_not_an_access_token(client, ada):
    tokens = log_in(client).json()

    assert me(client, tokens["refresh"]).json()["code"] == "token_invalid"


def test_logout_ends_the_log_in(client, ada):
    tokens = log_in(client).json()

    response = client.post(
        "/api/v1/auth/logout/",
        {"refresh": tokens["refresh"]},
        content_type="application/json",
    )

    assert response.status_code == 204
    assert me(client, tokens["access"]).json()["code"] == "token_revoked"
    assert refresh(client, tokens["refresh"]).json()["code"] == "token_revoked"


def test_a_deactivated_account_loses_its_apps(client, ada):
    tokens = log_in(client).json()
    ada.is_active = False
    ada.save()

    assert me(client, tokens["access"]).status_code == 401


def test_without_credentials_the_api_answers_401_in_json(client):
    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized", "code": "not_authenticated"}


def test_the_browsers_session_works_for_same_origin_calls(client, ada):
    client.force_login(ada)

    assert client.get("/api/v1/me/").json()["id"] == ada.pk


def test_a_new_password_logs_out_every_app(client, ada):
    tokens = log_in(client).json()
    client.force_login(ada)

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a completely new passphrase",
            "password2": "a completely new passphrase",
        },
    )

    assert response.status_code == 302
    assert me(client, tokens["access"]).json()["code"] == "token_revoked"
    assert ApiDevice.objects.get().ended_because == ApiDevice.Ended.PASSWORD
