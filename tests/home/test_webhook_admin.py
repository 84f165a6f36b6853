"""Admins register webhook endpoints and resend deliveries in the admin."""

import pytest
from django.contrib.auth.models import Permission

from home.models import WebhookDelivery, WebhookEndpoint
from home.webhooks import publish
from tests.courses.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_an_admin_registers_an_endpoint_with_its_events(admin_client):
    response = admin_client.post(
        "/admin/home/webhookendpoint/create/",
        {
            "url": "https://crm.example.com/hooks",
            "description": "CRM",
            "event_types": ["order.paid", "order.refunded"],
            "active": "on",
        },
    )

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.event_types == ["order.paid", "order.refunded"]
    assert endpoint.secret.startswith("whsec_")
    page = admin_client.get(f"/admin/home/webhookendpoint/edit/{endpoint.pk}/")
    assert endpoint.secret in page.content.decode()


def test_an_address_that_is_not_http_is_refused(admin_client):
    response = admin_client.post(
        "/admin/home/webhookendpoint/create/",
        {"url": "ftp://files.example.com/", "event_types": ["order.paid"]},
    )

    assert response.status_code == 200 and not WebhookEndpoint.objects.exists()


def test_an_admin_resends_a_delivery(admin_client, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(
        url="http://127.0.0.1:9/", event_types=["order.paid"]
    )
    (delivery,) = publish("order.paid", {"order": {"id": 1}})
    WebhookDelivery.objects.update(status="failed", attempts=9)

    listing = admin_client.get("/admin/home/webhookdelivery/")
    confirm = admin_client.get(f"/admin/webhooks/deliveries/{delivery.pk}/resend/")
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(f"/admin/webhooks/deliveries/{delivery.pk}/resend/")

    assert listing.status_code == 200 and "Resend" in listing.content.decode()
    assert confirm.status_code == 200 and "order.paid" in confirm.content.decode()
    assert done.status_code == 302
    delivery.refresh_from_db()
    assert delivery.attempts == 10 and delivery.status == "pending"


def test_only_admins_see_webhooks(client):
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(editor)

    # Wagtail answers a refusal inside the admin with a redirect to its home.
    for url in ("/admin/home/webhookendpoint/", "/admin/webhooks/deliveries/1/resend/"):
        denied = client.get(url)
        assert denied.status_code == 302 and denied["Location"] == "/admin/"
