"""A cmi5 course built by the test plays in Chromium with the real cmi5
client library (npm `@xapi/cmi5`): the unit fetches its credential, reads
its launch data from the platform, and its completed statement completes
the lesson; a unit that fails does not."""

import time

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from playwright.sync_api import expect

from learners.models import Cmi5Registration, Cmi5Statement, LessonProgress
from lessons.models import Cmi5Package
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.cmi5_packages import cmi5_zip
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "units-that-report"


def cmi5_lesson(move_on):
    with TestCase.captureOnCommitCallbacks(execute=True):
        package = Cmi5Package(
            file=ContentFile(cmi5_zip(units=(("intro", move_on, 0.8),)), name="c.zip")
        )
        package.read_upload()
        package.save()
    course = CoursePageFactory(
        parent=build_site().catalogue, title="Privacy", slug="privacy"
    )
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section,
        slug="gdpr",
        title="Data protection",
        body=[
            {
                "type": "cmi5",
                "id": "c1",
                "value": {"package": package.pk, "height": 420},
            }
        ],
    )
    lesson.save_revision().publish()
    user = learner(username="unit", email="unit@example.com")
    user.set_password(PASSWORD)
    user.save()
    enrolled(user, course)
    return lesson


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/?next=/courses/privacy/s/gdpr/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("unit@example.com")
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name="Log in").click()


def wait_for(check, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    return check()


def test_a_cmi5_unit_completes_the_lesson(live_server, page, output_dir):
    lesson = cmi5_lesson("Completed")
    log_in(page, live_server)
    page.locator(".cmi5-block__unit").get_by_role("button", name="Start").click()
    unit = page.frame_locator("iframe.cmi5-block__frame")
    expect(unit.locator("#state")).to_have_text("initialized")
    expect(unit.locator("#mode")).to_have_text("Normal")

    unit.get_by_role("button", name="Complete").click()
    expect(unit.locator("#state")).to_have_text("sent")
    assert wait_for(lambda: Cmi5Registration.objects.filter(satisfied=True).exists())
    unit.get_by_role("button", name="Finish").click()
    expect(unit.locator("#state")).to_have_text("sent")

    assert LessonProgress.objects.get(lesson=lesson).is_completed
    verbs = [
        s.verb.rsplit("/", 1)[-1] for s in Cmi5Statement.objects.order_by("stored_at")
    ]
    assert verbs == ["launched", "initialized", "completed", "satisfied", "terminated"]
    page.reload()
    expect(page.locator(".cmi5-block__unit--done")).to_contain_text("Done")
    page.screenshot(path=str(output_dir / "cmi5.png"), full_page=True)


def test_a_failed_unit_does_not_complete_the_lesson(live_server, page):
    lesson = cmi5_lesson("Passed")
    log_in(page, live_server)
    page.locator(".cmi5-block__unit").get_by_role("button", name="Start").click()
    unit = page.frame_locator("iframe.cmi5-block__frame")
    expect(unit.locator("#state")).to_have_text("initialized")

    unit.get_by_role("button", name="Fail").click()
    expect(unit.locator("#state")).to_have_text("sent")

    registration = wait_for(
        lambda: Cmi5Registration.objects.filter(results__isnull=False).first()
    )
    assert wait_for(
        lambda: Cmi5Statement.objects.filter(verb__endswith="/failed").exists()
    )
    registration.refresh_from_db()
    assert not registration.satisfied
    assert not LessonProgress.objects.filter(
        lesson=lesson, status=LessonProgress.Status.COMPLETED
    ).exists()
