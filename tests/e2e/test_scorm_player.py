"""SCORM 1.2 and 2004 packages built by the test play in Chromium: the SCO
finds scorm-again's runtime, its commits reach the server through the lesson
page, a reload restores its location, and "passed" or "completed" complete
the lesson while "failed" does not."""

import pytest
from playwright.sync_api import expect

from learners.models import LessonProgress, ScormRecord
from lessons.models import ScormPackage
from tests.e2e.package_lessons import log_in, package_lesson, wait_for
from tests.lessons.scorm_packages import scorm_zip

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def scorm_lesson(version):
    data = scorm_zip(version, title="Fire safety")
    return package_lesson(ScormPackage, data, "scorm", "sc1", "Fire safety")


def leave(page):
    """Close the lesson as a learner would; its last commit (the runtime's
    Terminate, or the page's beacon) lands before the test ends."""
    page.goto("about:blank")
    assert wait_for(
        lambda: (
            not ScormRecord.objects.filter(session_started_at__isnull=False).exists()
        )
    ), "the closing commit never reached the server"


@pytest.mark.parametrize(
    ("version", "api_name"), [("1.2", "API found"), ("2004", "API_1484_11 found")]
)
def test_a_scorm_package_resumes_and_completes_the_lesson(
    live_server, page, output_dir, version, api_name
):
    lesson = scorm_lesson(version)
    log_in(page, live_server, lesson)
    sco = page.frame_locator(".scorm-block__player iframe")
    expect(sco.get_by_text(api_name)).to_be_visible()
    expect(sco.locator("#location")).to_have_text("start")
    expect(sco.locator("#entry")).to_have_text("ab-initio")

    sco.get_by_role("button", name="Go to page 3").click()
    location_key = "cmi.core.lesson_location" if version == "1.2" else "cmi.location"
    record = wait_for(
        lambda: ScormRecord.objects.filter(**{f"cmi__{location_key}": "page-3"}).first()
    )
    assert record is not None, "the commit never reached the server"
    assert record.cmi["cmi.suspend_data"] == "seen:page-3"

    # Leave and come back (the closing commit lands first: the test server
    # shares one SQLite connection between its threads, so two overlapping
    # writes would trip over each other there, not in a real deployment).
    leave(page)
    page.go_back()
    sco = page.frame_locator(".scorm-block__player iframe")
    expect(sco.locator("#location")).to_have_text("page-3")
    expect(sco.locator("#entry")).to_have_text("resume")
    # The learner is a pseudonym, never the e-mail address.
    learner_id = sco.locator("#learner").inner_text()
    assert learner_id and "@" not in learner_id

    sco.get_by_role("button", name="Pass").click()
    expect(page.locator("[data-completion-status]")).to_contain_text("Lesson complete")
    assert LessonProgress.objects.get(lesson=lesson).is_completed
    page.screenshot(path=str(output_dir / f"scorm-{version}.png"), full_page=True)
    leave(page)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_failed_package_does_not_complete_the_lesson(live_server, page, version):
    lesson = scorm_lesson(version)
    log_in(page, live_server, lesson)
    sco = page.frame_locator(".scorm-block__player iframe")
    sco.get_by_role("button", name="Fail").click()
    record = wait_for(lambda: ScormRecord.objects.filter(success=False).first())
    assert record is not None and record.score_percent == 20
    expect(page.locator("[data-requirement]")).not_to_contain_text("done")
    assert not LessonProgress.objects.filter(
        lesson=lesson, status=LessonProgress.Status.COMPLETED
    ).exists()
    leave(page)
    record.refresh_from_db()
    assert record.success is False and record.total_seconds < 60
