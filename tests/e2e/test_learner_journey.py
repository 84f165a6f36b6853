"""A new learner signs up, verifies their address, enrols and finishes a course."""

import re

import pytest
from playwright.sync_api import expect

from tests.courses.factories import (
    CoursePageFactory,
    SectionPageFactory,
    build_site,
)
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LESSONS = [
    (
        "Plan your week",
        "rich_text",
        {"content": "<p>Block out two study sessions.</p>"},
    ),
    ("Take better notes", "markdown", {"markdown": "Use **questions** as headings."}),
    (
        "Review with flashcards",
        "code",
        {"language": "text", "code": "Q: What? A: This."},
    ),
]


@pytest.fixture
def study_course(live_server):
    catalogue = build_site().catalogue
    course = CoursePageFactory(
        parent=catalogue,
        title="Study Skills",
        slug="study-skills",
        sequential_lessons=True,
    )
    section = SectionPageFactory(parent=course, title="Habits", slug="habits")
    for n, (title, block_type, value) in enumerate(LESSONS):
        LessonPageFactory(
            parent=section,
            title=title,
            slug=f"lesson-{n}",
            body=[{"type": block_type, "value": value, "id": f"b{n}"}],
        )
    return course


def test_sign_up_verify_enrol_and_finish_a_free_course(
    live_server, study_course, page, mailoutbox, output_dir
):
    page.goto(live_server.url + "/accounts/signup/")
    form = page.locator("main form")
    form.get_by_label("Your name").fill("Jo Mensah")
    form.locator("input[name=email]").fill("jo@example.com")
    form.locator("input[name=password1]").fill("study-hard-every-day")
    form.locator("input[name=password2]").fill("study-hard-every-day")
    page.locator("main").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")

    link = re.search(
        r"http://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body
    ).group(0)
    page.goto(link)
    page.locator("main").get_by_role("button", name="Confirm").click()

    page.goto(live_server.url + "/courses/study-skills/")
    page.get_by_role("button", name="Enrol for free").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan your week")

    for title, _type, _value in LESSONS[1:]:
        page.get_by_role("button", name="Mark as complete").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Study Skills")
    expect(page.locator(".cta")).to_contain_text("You completed this course.")

    page.get_by_role("link", name="My learning").click()
    completed = page.get_by_role("region", name="Completed courses")
    expect(completed).to_contain_text("Study Skills")
    expect(completed.get_by_role("progressbar")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(page.get_by_role("list", name="Totals")).to_contain_text("1")

    screenshot = output_dir / "dashboard-course-completed.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
