"""The programme editor keeps a programme's price honest: a bundle costs
less than its courses one by one, in their currency; a free programme holds
only free courses; a subscription one no course sold on its own."""

import pytest

from courses.models import ProgrammePage
from tests.courses.factories import build_course

pytestmark = pytest.mark.django_db


def form_for(catalogue, courses, **fields):
    form_class = ProgrammePage.get_edit_handler().get_form_class()
    data = {
        "title": "Path",
        "slug": "path",
        "summary": "Several courses.",
        "pricing_type": "paid",
        "price": "0",
        "currency": "ZAR",
        "programme_courses-TOTAL_FORMS": str(len(courses)),
        "programme_courses-INITIAL_FORMS": "0",
        "programme_courses-MIN_NUM_FORMS": "0",
        "programme_courses-MAX_NUM_FORMS": "1000",
    }
    for place, course in enumerate(courses):
        data[f"programme_courses-{place}-course"] = str(course.pk)
        data[f"programme_courses-{place}-ORDER"] = str(place + 1)
        data[f"programme_courses-{place}-id"] = ""
    data.update({key: str(value) for key, value in fields.items()})
    return form_class(data, instance=ProgrammePage(), parent_page=catalogue)


@pytest.fixture
def paid(catalogue):
    return [
        build_course(
            catalogue,
            sections=1,
            lessons_per_section=1,
            slug=f"paid-{price}",
            pricing_type="paid",
            price=price,
            currency="ZAR",
        )
        for price in (10000, 20000)
    ]


def test_a_bundle_below_the_sum_of_its_courses_is_accepted(catalogue, paid):
    form = form_for(catalogue, paid, price=25000)

    assert form.is_valid(), form.errors


@pytest.mark.parametrize("price", [30000, 45000, 0])
def test_a_bundle_at_or_above_the_sum_or_free_is_refused(catalogue, paid, price):
    form = form_for(catalogue, paid, price=price)

    assert not form.is_valid()
    assert "less than its courses one by one (30000" in str(form.errors["price"])


def test_a_bundle_in_another_currency_is_refused(catalogue, paid):
    form = form_for(catalogue, paid, price=25000, currency="USD")

    assert not form.is_valid()
    assert "priced in this currency" in str(form.errors["currency"])


def test_a_free_programme_cannot_hold_a_paid_course(catalogue, paid):
    form = form_for(catalogue, paid, pricing_type="free", price=0)

    assert not form.is_valid()
    assert "only hold free courses" in str(form.errors["pricing_type"])


def test_a_subscription_programme_cannot_hold_a_course_sold_on_its_own(catalogue, paid):
    form = form_for(catalogue, paid, pricing_type="subscription", price=0)

    assert not form.is_valid()
    assert "Subscribers cannot join" in str(form.errors["pricing_type"])


def test_a_course_cannot_be_in_a_programme_twice(catalogue, paid):
    form = form_for(catalogue, [paid[0], paid[0]], price=5000)

    assert not form.is_valid()
