"""A learner sees the apps logged in to their account on the profile page,
and logs any of them out there."""

import pytest
from django.test import Client

from learners.models import ApiDevice
from learners.services.api_tokens import log_in_device
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


def test_the_profile_lists_the_apps_and_logs_one_out(client):
    ada = learner()
    phone = log_in_device(ada, "Ada's phone")
    log_in_device(ada, "Ada's tablet")
    client.force_login(ada)

    page = client.get("/accounts/profile/").content.decode()
    response = client.post(f"/accounts/profile/apps/{phone.device.pk}/log-out/")

    assert "Ada&#x27;s phone" in page and "Ada&#x27;s tablet" in page
    assert response.status_code == 302
    assert ApiDevice.objects.get(pk=phone.device.pk).ended_because == "revoked"
    me = client.get("/api/v1/me/", headers={"Authorization": f"Bearer {phone.access}"})
    assert me.json()["code"] == "token_revoked"
    after = client.get("/accounts/profile/").content.decode()
    assert "Ada&#x27;s phone" not in after and "Ada&#x27;s tablet" in after


def test_nobody_logs_out_another_learners_app():
    ada, bob = learner(), learner()
    phone = log_in_device(ada, "Ada's phone")
    other = Client()
    other.force_login(bob)

    response = other.post(f"/accounts/profile/apps/{phone.device.pk}/log-out/")

    assert response.status_code == 404
    assert ApiDevice.objects.get(pk=phone.device.pk).active


def test_with_no_app_the_profile_says_so(client):
    client.force_login(learner())

    assert "No app is logged in" in client.get("/accounts/profile/").content.decode()
