"""An uploaded H5P package played in Chromium with h5p-standalone: the
learner answers, the xAPI statement reaches the server, the lesson completes."""

import json
import time

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from playwright.sync_api import expect

from learners.models import H5PState, LearningEvent
from lessons.models import H5PPackage
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory
from tests.lessons.h5p_check_package import check_package

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def h5p_lesson(live_server):
    with TestCase.captureOnCommitCallbacks(execute=True):
        package = H5PPackage.objects.create(
            title="Capital check", file=ContentFile(check_package(), name="c.h5p")
        )
    course = CoursePageFactory(parent=build_site().catalogue, title="Geo", slug="geo")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section,
        slug="check",
        title="Capital check",
        body=[
            {
                "type": "h5p",
                "id": "h1",
                "value": {"package": package.pk, "height": 300},
            }
        ],
    )
    lesson.save_revision().publish()
    user = learner(username="geo", email="geo@example.com")
    user.set_password("capitals-of-the-world")
    user.save()
    enrolled(user, course)
    return lesson


def test_answering_in_the_h5p_activity_completes_the_lesson(
    live_server, h5p_lesson, page, output_dir
):
    page.goto(live_server.url + "/accounts/login/?next=/courses/geo/s/check/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("geo@example.com")
    form.locator("input[name=password]").fill("capitals-of-the-world")
    form.get_by_role("button", name="Log in").click()

    # The lesson frames the sandboxed player.
    activity = page.frame_locator(".h5p-block__player iframe")
    expect(activity.get_by_text("Paris is the capital of France.")).to_be_visible()
    frame = page.locator(".h5p-block__player iframe")
    expect(frame).to_have_attribute("title", "Capital check")
    expect(page.locator("[data-h5p-loading]")).to_have_count(0)
    # The block asks for 300 px; the frame takes the height of its content.
    page.wait_for_function(
        "document.querySelector('.h5p-block__player iframe').offsetHeight < 300"
    )
    box = frame.bounding_box()
    player = page.locator("[data-h5p-player]").bounding_box()
    assert 20 < box["height"] < 300 and player["height"] < 300
    activity.get_by_role("button", name="True").click()

    expect(page.locator("[data-completion-status]")).to_contain_text("Lesson complete")
    expect(page.locator("[data-requirement]")).to_contain_text("done")
    verbs = set(
        LearningEvent.objects.filter(kind="h5p_statement").values_list(
            "payload__verb", flat=True
        )
    )
    # The answer already reports completion, so the lesson may complete
    # before the separate "completed" statement arrives.
    assert "attempted" in verbs and verbs & {"answered", "completed"}
    page.screenshot(path=str(output_dir / "h5p-complete.png"), full_page=True)


def test_the_saved_state_comes_back_through_the_lesson_page(
    live_server, h5p_lesson, page
):
    page.goto(live_server.url + "/accounts/login/?next=/courses/geo/s/check/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("geo@example.com")
    form.locator("input[name=password]").fill("capitals-of-the-world")
    form.get_by_role("button", name="Log in").click()
    activity = page.frame_locator(".h5p-block__player iframe")
    expect(activity.get_by_text("Paris is the capital of France.")).to_be_visible()

    content = next(f for f in page.frames if "/h5p/" in f.url)

    # H5P core's own save and load, made inside the sandbox and relayed by
    # the lesson page (which holds the session and the CSRF token).
    content.evaluate(
        "H5P.setUserData('h5p-content', 'state', {answer: 'true'},"
        " {deleteOnChange: false})"
    )
    state = None
    for _ in range(50):
        state = H5PState.objects.first()
        if state:
            break
        time.sleep(0.1)
    loaded = content.evaluate(
        """() => new Promise((resolve) => H5P.getUserData('h5p-content', 'state',
               (error, data) => resolve(error ? 'error' : data)))"""
    )

    assert json.loads(state.state) == {"answer": "true"}
    assert loaded == {"answer": "true"}
