"""Fixtures of commerce tests: the local Stripe fake, wired into settings,
and an instructor who is paid for what they sell."""

import pytest
from django.contrib.auth.models import Group

from tests.courses.factories import UserFactory
from tests.payments.factories import SECRET
from tests.payments.fake_stripe import FakeStripe


@pytest.fixture
def fake_stripe(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_fake"
        settings.STRIPE_API_BASE = fake.url
        settings.PAYMENTS_WEBHOOK_SECRET = SECRET
        yield fake


@pytest.fixture
def teacher(db):
    user = UserFactory(username="teacher", email="teacher@example.com")
    user.groups.add(Group.objects.get(name="Instructors"))
    return user
