"""A learner buys a course on the offline test gateway: decline, retry, pay."""

import pytest
from playwright.sync_api import expect

from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def paid_course(live_server):
    catalogue = build_site().catalogue
    course = CoursePageFactory(
        parent=catalogue,
        slug="sql",
        title="SQL Deep Dive",
        pricing_type="paid",
        price=4900,
    )
    LessonPageFactory(
        parent=SectionPageFactory(parent=course, slug="joins"),
        slug="inner",
        title="Inner joins",
        body=[
            {
                "type": "rich_text",
                "id": "b",
                "value": {"content": "<p>Rows that match.</p>"},
            }
        ],
    )
    user = learner(username="payer", email="payer@example.com")
    user.set_password("pay-for-learning-1")
    user.save()
    return course


def test_decline_then_pay_and_land_in_the_course(
    live_server, paid_course, page, output_dir
):
    page.goto(live_server.url + "/accounts/login/?next=/courses/sql/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("payer@example.com")
    form.locator("input[name=password]").fill("pay-for-learning-1")
    form.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SQL Deep Dive")

    page.get_by_role("button", name="Buy this course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pay for your course")
    page.get_by_role("button", name="Decline the card").click()
    expect(page.locator(".messages")).to_contain_text("Your card was declined")
    page.goto(live_server.url + "/courses/sql/joins/inner/")
    expect(page.locator(".gate")).to_be_visible()

    page.goto(live_server.url + "/courses/sql/")
    page.get_by_role("button", name="Buy this course").click()
    page.get_by_role("button", name="Pay $49.00").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Inner joins")
    expect(page.locator(".lesson__body")).to_contain_text("Rows that match.")
    page.screenshot(path=str(output_dir / "paid-lesson.png"), full_page=True)
