"""The demo AI tool in Chromium: its server checks the answers and signs the
result, the page passes the signed result on, the site verifies it and the
lesson's checklist updates without a reload."""

import pytest
from playwright.sync_api import expect

from learners.models import LearningEvent
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tool_lesson(live_server, settings):
    settings.SITE_URL = live_server.url
    course = CoursePageFactory(
        parent=build_site().catalogue, title="Tutoring", slug="tutoring"
    )
    section = SectionPageFactory(parent=course, slug="s")
    LessonPageFactory(
        parent=section,
        slug="practice",
        title="Practice",
        body=[
            {
                "type": "ai_tool",
                "id": "tutor",
                "value": {
                    "title": "Practice with the tutor",
                    "tool_url": f"{live_server.url}/demo-tools/practice/",
                    "allowed_origin": live_server.url,
                    "parameters": '{"topic": "python"}',
                    "height": 400,
                },
            }
        ],
    )
    user = learner(username="pupil", email="pupil@example.com")
    user.set_password("practice-makes-perfect")
    user.save()
    enrolled(user, course)
    return course


def test_the_tool_result_completes_the_lesson(live_server, tool_lesson, page):
    page.goto(live_server.url + "/accounts/login/?next=/courses/tutoring/s/practice/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("pupil@example.com")
    form.locator("input[name=password]").fill("practice-makes-perfect")
    form.get_by_role("button", name="Log in").click()

    tool = page.frame_locator("iframe.ai-tool-block__frame")
    tool.get_by_label("Your answer").fill("4")
    tool.get_by_role("button", name="Check my answer").click()
    expect(tool.get_by_text("Which keyword defines a function?")).to_be_visible()
    tool.get_by_label("Your answer").fill("def")
    tool.get_by_role("button", name="Check my answer").click()

    expect(page.locator("[data-ai-tool-status]")).to_contain_text("sent your result")
    expect(page.locator("[data-requirement=tutor]")).to_contain_text("done")
    expect(page.locator("[data-completion-status]")).to_contain_text("Lesson complete")
    current = page.locator(".lesson-sidebar__list a[aria-current=page]")
    expect(current.get_by_role("img", name="Completed")).to_be_visible()
    event = LearningEvent.objects.get(kind="ai_tool_result")
    assert event.verified and event.score_percent == 100
    sandbox = page.locator("iframe.ai-tool-block__frame").get_attribute("sandbox")
    assert "allow-same-origin" not in sandbox
