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
    form.get_by_role("button", name="Log in").click()
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


def log_in(page, live_server, next_url):
    page.goto(live_server.url + f"/accounts/login/?next={next_url}")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("payer@example.com")
    form.locator("input[name=password]").fill("pay-for-learning-1")
    form.get_by_role("button", name="Log in").click()


def test_a_coupon_lowers_the_price_and_the_invoice_is_listed(
    live_server, paid_course, page, output_dir
):
    from tests.payments.factories import CouponFactory

    CouponFactory(code="HALF", percent_off=50)
    log_in(page, live_server, "/courses/sql/")

    page.get_by_text("Have a coupon?").click()
    page.get_by_label("Coupon code").fill("nope")
    page.get_by_role("button", name="Apply and buy").click()
    expect(page.locator("main")).to_contain_text("There is no coupon with the code")

    page.goto(live_server.url + "/courses/sql/")
    page.get_by_text("Have a coupon?").click()
    page.get_by_label("Coupon code").fill("half")
    page.get_by_role("button", name="Apply and buy").click()
    expect(page.locator("main")).to_contain_text("Coupon HALF")
    page.screenshot(path=str(output_dir / "gateway-with-coupon.png"), full_page=True)
    page.get_by_role("button", name="Pay $24.50").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inner joins")

    page.goto(live_server.url + "/dashboard/purchases/")
    expect(page.locator("table")).to_contain_text("INV-")
    expect(page.locator("table")).to_contain_text("$24.50")
    page.screenshot(path=str(output_dir / "purchases.png"), full_page=True)


def test_subscribe_then_open_an_included_course_and_cancel(
    live_server, paid_course, page, output_dir
):
    from tests.payments.factories import PlanFactory, subscription_course

    included = subscription_course(paid_course.get_parent().specific, "library")
    PlanFactory(name="Monthly", price=1500)
    log_in(page, live_server, f"/courses/{included.slug}/")

    page.get_by_role("button", name="Start with my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "One subscription, every included course"
    )
    page.screenshot(path=str(output_dir / "plans.png"), full_page=True)
    page.get_by_role("button", name="Subscribe: Monthly").click()
    page.get_by_role("button", name="Pay $15.00").click()
    expect(page.locator(".messages")).to_contain_text("You are subscribed")

    page.goto(live_server.url + f"/courses/{included.slug}/")
    page.get_by_role("button", name="Start with my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        included.syllabus.first_lesson.title
    )

    page.goto(live_server.url + "/dashboard/subscription/")
    page.get_by_role("button", name="Cancel at the end of the period").click()
    expect(page.locator("main")).to_contain_text("Your subscription will not renew.")
    page.screenshot(path=str(output_dir / "subscription.png"), full_page=True)
