"""A visitor finds a course from the home page and opens its free lesson."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server, settings):
    settings.SITE_URL = live_server.url
    call_command("seed_demo", stdout=io.StringIO())
    return live_server


def test_a_visitor_reaches_a_free_preview_lesson_from_the_home_page(
    demo_site, page, output_dir
):
    page.goto(demo_site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Learn skills")

    page.get_by_role("link", name="Browse courses").click()
    expect(page).to_have_url(demo_site.url + "/courses/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")

    page.get_by_role("link", name="Data Analysis with SQL").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data Analysis with SQL")
    expect(page.get_by_text("$49.00").first).to_be_visible()

    page.get_by_role("link", name="Watch a free lesson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why analysts use SQL")
    expect(page.locator("main")).to_contain_text("Free preview")
    expect(page.get_by_role("navigation", name="Course syllabus")).to_contain_text(
        "Joining tables"
    )

    screenshot = output_dir / "free-preview-lesson.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
