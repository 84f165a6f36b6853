"""Watching an uploaded video in Chromium: the page reports watched segments,
the server merges them, and a skip to the end does not complete the lesson."""

import io
import wave

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.models import Collection

from learners.models import VideoWatch
from lessons.models import LessonPage
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECONDS = 6


def silent_wav(seconds):
    """A short silent recording: the HTML5 player plays it like a video."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000 * seconds)
    return buffer.getvalue()


@pytest.fixture
def video_lesson(live_server):
    catalogue = build_site().catalogue
    course = CoursePageFactory(parent=catalogue, title="Listening", slug="listening")
    section = SectionPageFactory(parent=course, slug="s")
    # A transactional test starts from an empty database: no root collection.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    media = get_document_model().objects.create(
        title="Silence",
        file=ContentFile(silent_wav(SECONDS), name="silence.wav"),
        collection=collection,
    )
    for slug in ("watch", "skip"):
        LessonPageFactory(
            parent=section,
            slug=slug,
            title=f"Video to {slug}",
            body=[
                {
                    "type": "video",
                    "id": f"v-{slug}",
                    "value": {
                        "file": media.pk,
                        "transcript": "Nothing is said in this recording.",
                        "required_watch_percentage": 80,
                    },
                }
            ],
        )
    user = learner(username="viewer", email="viewer@example.com")
    user.set_password("watch-it-all-please")
    user.save()
    enrolled(user, course)
    return course


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("viewer@example.com")
    form.locator("input[name=password]").fill("watch-it-all-please")
    form.get_by_role("button", name="Log in").click()


def stop_reports(page):
    """The page keeps reporting and the player keeps fetching the video while
    it is open: block every further request, leave the page and let those
    under way finish, or SQLite is still busy with one while the test
    database is flushed."""
    page.route("**/*", lambda route: route.abort())
    page.evaluate("() => document.querySelectorAll('video').forEach((v) => v.pause())")
    page.goto("about:blank")
    page.wait_for_timeout(1500)


def test_watching_the_video_completes_the_lesson(
    live_server, video_lesson, page, output_dir
):
    log_in(page, live_server)
    page.goto(live_server.url + "/courses/listening/s/watch/")
    expect(page.locator(".transcript")).to_contain_text("Nothing is said")

    page.evaluate(
        "() => { const v = document.querySelector('video'); v.muted = true; v.play(); }"
    )

    expect(page.locator("[data-completion-status]")).to_contain_text(
        "✓", timeout=(SECONDS + 10) * 1000
    )
    record = VideoWatch.objects.get(block_id="v-watch")
    assert record.watched_seconds >= SECONDS * 0.8
    page.screenshot(path=str(output_dir / "video-complete.png"), full_page=True)
    stop_reports(page)


def test_skipping_to_the_end_does_not_complete_the_lesson(
    live_server, video_lesson, page
):
    log_in(page, live_server)
    page.goto(live_server.url + "/courses/listening/s/skip/")

    # The report sent when the video ends must be answered before the test
    # ends, or SQLite is still busy with it while the database is flushed.
    skip = LessonPage.objects.get(slug="skip")
    address = f"/lessons/{skip.pk}/progress/"
    with page.expect_response(lambda r: r.url.endswith(address)):
        page.evaluate(
            """() => new Promise((done) => {
                const v = document.querySelector('video');
                v.muted = true;
                const go = () => { v.currentTime = v.duration - 0.5; v.play(); };
                if (v.readyState >= 1) go();
                else v.addEventListener('loadedmetadata', go);
                v.addEventListener('ended', () => setTimeout(done, 1500));
            })"""
        )

    record = VideoWatch.objects.get(block_id="v-skip")
    assert record.watched_seconds <= 1
    expect(page.locator("[data-completion-status]")).not_to_contain_text("✓")
    stop_reports(page)
