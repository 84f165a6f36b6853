"""A cmi5 course built by the test plays in Chromium with the real cmi5
client library (npm `@xapi/cmi5`): the unit fetches its credential, reads
its launch data from the platform, and its completed statement completes
the lesson; a unit that fails does not."""

import pytest
from playwright.sync_api import expect

from learners.models import Cmi5Registration, Cmi5Statement, LessonProgress
from lessons.models import Cmi5Package
from tests.e2e.package_lessons import log_in, package_lesson, wait_for
from tests.lessons.cmi5_packages import cmi5_zip

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def cmi5_lesson(move_on):
    data = cmi5_zip(units=(("intro", move_on, 0.8),))
    return package_lesson(Cmi5Package, data, "cmi5", "c1", "Data protection")


def test_a_cmi5_unit_completes_the_lesson(live_server, page, output_dir):
    lesson = cmi5_lesson("Completed")
    log_in(page, live_server, lesson)
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
    log_in(page, live_server, lesson)
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
