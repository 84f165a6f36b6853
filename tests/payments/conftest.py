"""Fixtures of commerce tests: the local Stripe fake, wired into settings."""

import pytest

from tests.payments.factories import SECRET
from tests.payments.fake_stripe import FakeStripe


@pytest.fixture
def fake_stripe(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_fake"
        settings.STRIPE_API_BASE = fake.url
        settings.PAYMENTS_WEBHOOK_SECRET = SECRET
        yield fake
