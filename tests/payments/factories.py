"""Factories and helpers for commerce tests: paid courses, coupons, plans,
and webhook events signed with the real `stripe` library."""

import json
import time

import factory
import stripe

from payments.models import Coupon, SubscriptionPlan
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.lessons.factories import LessonPageFactory

SECRET = "whsec_stripe_test"


def paid_course(catalogue, slug, price, **fields):
    fields.setdefault("title", slug.title())
    course = CoursePageFactory(
        parent=catalogue, slug=slug, pricing_type="paid", price=price, **fields
    )
    LessonPageFactory(parent=SectionPageFactory(parent=course, slug="s"), slug="l1")
    return course


def subscription_course(catalogue, slug):
    course = CoursePageFactory(
        parent=catalogue, slug=slug, title=slug.title(), pricing_type="subscription"
    )
    LessonPageFactory(parent=SectionPageFactory(parent=course, slug="s"), slug="l1")
    return course


class CouponFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coupon

    code = factory.Sequence(lambda n: f"SAVE{n}")
    kind = Coupon.Kind.PERCENT
    percent_off = 20


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubscriptionPlan

    name = "Monthly"
    interval = SubscriptionPlan.Interval.MONTH
    price = 1500
    currency = "USD"
    stripe_price_id = "price_monthly"


def stripe_signed(payload, secret=SECRET, timestamp=None):
    timestamp = int(timestamp or time.time())
    signature = stripe.WebhookSignature._compute_signature(
        f"{timestamp}.{payload}", secret
    )
    return f"t={timestamp},v1={signature}"


def event(event_type, obj, event_id=None):
    return json.dumps(
        {
            "id": event_id or f"evt_{event_type}_{obj['id']}",
            "object": "event",
            "type": event_type,
            "data": {"object": obj},
        }
    )


def post_event(client, payload, secret=SECRET):
    return client.post(
        "/payments/webhooks/stripe/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signed(payload, secret),
    )
