"""The commerce pages read a fixed number of queries, however many orders."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm caches and show pending messages first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def buy(client, course):
    client.post(client.post(f"/payments/checkout/{course.pk}/").url, {"pay": ""})


def test_the_purchases_page_does_not_grow_with_orders(catalogue):
    teacher = UserFactory(username="teacher")
    client = Client()
    client.force_login(learner(username="collector"))
    courses = [
        paid_course(catalogue, f"c{n}", 1000 + n, instructor=teacher) for n in range(8)
    ]
    buy(client, courses[0])
    one = queries(client, "/dashboard/purchases/")
    for course in courses[1:]:
        buy(client, course)

    assert queries(client, "/dashboard/purchases/") == one


def test_the_earnings_page_does_not_grow_with_sales(catalogue):
    teacher = UserFactory(username="teacher")
    teacher.groups.add(Group.objects.get(name="Instructors"))
    client = Client()
    client.force_login(teacher)
    courses = [
        paid_course(catalogue, f"e{n}", 1000 + n, instructor=teacher) for n in range(6)
    ]
    buyer = Client()
    buyer.force_login(learner(username="fan"))
    buy(buyer, courses[0])
    one = queries(client, "/admin/commerce/earnings/")
    for course in courses[1:]:
        buy(buyer, course)

    assert queries(client, "/admin/commerce/earnings/") == one
