"""An instructor opens the tool from their learning platform in Chromium:
the launch's first step (the cookie check), the platform's signed form
post, the content picker, and the signed answer the platform accepts; then
a learner's launch lands on the picked lesson. The platform is the real
peer of tests/lti/ (lti1p3platform) on a local port."""

import pytest
import requests
from lti_tool.models import LtiDeployment, LtiRegistration
from playwright.sync_api import expect

from tests.courses.factories import build_course, build_site
from tests.lti.platform_peer import INSTRUCTOR, LEARNER, Member, PlatformPeer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def platform(live_server, settings):
    settings.SITE_URL = live_server.url
    peer = PlatformPeer(live_server.url)
    fields = peer.registration_fields()
    deployment_id = fields.pop("deployment_ids")
    registration = LtiRegistration.objects.create(**fields)
    LtiDeployment.objects.create(
        registration=registration, deployment_id=deployment_id, is_active=True
    )
    peer.trust_tool_keys(
        requests.get(f"{live_server.url}/lti/jwks.json", timeout=10).json()
    )
    yield peer
    peer.stop()


@pytest.mark.parametrize("width", [1280, 390])
def test_an_instructor_places_a_lesson_and_a_learner_opens_it(
    browser, platform, output_dir, width
):
    course = build_course(
        build_site().catalogue, sections=1, lessons_per_section=2, title="Cells"
    )
    lesson = course.syllabus.lessons[1]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    teacher = Member(user_id="teacher-1", roles=[INSTRUCTOR], name="Dr Ada")

    page.goto(platform.start(teacher, deep_link=True))
    expect(page.get_by_role("heading", name="Add to your course")).to_be_visible()
    page.screenshot(path=output_dir / f"picker-{width}.png", full_page=True)
    page.get_by_text("Or one of its 2 lessons").click()
    page.get_by_label(lesson.title).check()
    page.get_by_role("button", name="Add to my course").click()

    expect(page.get_by_role("heading", name="Added")).to_be_visible()
    (items,) = platform.deep_links
    assert [item["title"] for item in items] == [lesson.title]
    context.close()

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    student = Member(user_id="student-1", roles=[LEARNER], name="Sam Okafor")
    page.goto(
        platform.start(student, target=items[0]["url"], custom=items[0]["custom"])
    )
    expect(page).to_have_url(f"{platform.tool_url}{lesson.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    page.screenshot(path=output_dir / f"lesson-{width}.png", full_page=True)
    context.close()
