"""The offline test gateway never takes money in production: it is off there
unless a staging site turns it on, and a site without a gateway will not start."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from learners.models import Enrollment
from payments.models import Order
from tests.learners.factories import learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "coursesite.settings.production",
    "SECRET_KEY": "a-production-secret-for-this-test-only",
    "ALLOWED_HOSTS": "learn.example.org",
    "SITE_URL": "https://learn.example.org",
}
HIDDEN = {"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "OFFLINE_GATEWAY"}


def start(command, **env):
    """Run `command` in a fresh interpreter with the production settings."""
    clean = {k: v for k, v in os.environ.items() if k not in HIDDEN}
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", command],
        env={**clean, **PRODUCTION, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


CHECK = "import django; django.setup(); from django.core.management import call_command; call_command('check')"  # noqa: E501
WSGI = "import coursesite.wsgi"


def test_production_without_a_gateway_refuses_to_start():
    checked = start(CHECK)
    served = start(WSGI)

    assert checked.returncode != 0 and "payments.E001" in checked.stderr
    assert served.returncode != 0 and "No payment gateway is configured" in (
        served.stderr
    )


def test_stripe_without_its_own_webhook_secret_refuses_to_start():
    result = start(CHECK, STRIPE_SECRET_KEY="sk_live_example")

    assert result.returncode != 0 and "payments.E002" in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"OFFLINE_GATEWAY": "true"},
        {"STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_WEBHOOK_SECRET": "whsec_real"},
    ],
    ids=["staging-with-offline-gateway", "stripe"],
)
def test_production_with_a_gateway_starts(env):
    assert start(CHECK, **env).returncode == 0


def test_the_offline_pay_page_is_a_404_where_the_offline_gateway_is_off(
    client, catalogue, settings
):
    course = paid_course(catalogue, "sql", 4900)
    client.force_login(learner(username="buyer"))
    url = client.post(f"/payments/checkout/{course.pk}/").url

    settings.PAYMENTS_OFFLINE_GATEWAY = False
    off_page, off_pay = client.get(url), client.post(url, {"pay": "1"})
    settings.PAYMENTS_OFFLINE_GATEWAY = True
    on_page = client.get(url)

    assert url.startswith("/payments/test-gateway/")
    assert (off_page.status_code, off_pay.status_code) == (404, 404)
    assert on_page.status_code == 200
    assert not Enrollment.objects.filter(status="active").exists()


def test_checkout_without_a_gateway_says_so_and_takes_nothing(
    client, catalogue, settings
):
    settings.PAYMENTS_OFFLINE_GATEWAY = False
    course = paid_course(catalogue, "sql", 4900)
    client.force_login(learner(username="buyer"))

    response = client.post(f"/payments/checkout/{course.pk}/")

    assert response.status_code == 503
    assert "Payments are not available" in response.content.decode()
    assert not Order.objects.exists()
