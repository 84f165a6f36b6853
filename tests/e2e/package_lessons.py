"""What the browser tests of uploaded packages (SCORM, cmi5) share: a lesson
holding one package block, a learner enrolled in its course and logged in,
and a wait for what the server records a moment later."""

import time

from django.core.files.base import ContentFile
from django.db import OperationalError
from django.test import TestCase

from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

EMAIL = "player@example.com"
PASSWORD = "packages-that-play"


def package_lesson(model, data, block_type, block_id, title):
    """A published lesson with the package (uploaded and extracted) in one
    block, in a course a learner is enrolled in."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        package = model(file=ContentFile(data, name="package.zip"))
        package.read_upload()
        package.save()
    course = CoursePageFactory(parent=build_site().catalogue, title=title, slug="pkg")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section,
        slug="lesson",
        title=title,
        body=[
            {
                "type": block_type,
                "id": block_id,
                "value": {"package": package.pk, "height": 420},
            }
        ],
    )
    lesson.save_revision().publish()
    user = learner(username="player", email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    enrolled(user, course)
    return lesson


def log_in(page, live_server, lesson):
    page.goto(f"{live_server.url}/accounts/login/?next={lesson.url}")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(EMAIL)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name="Log in").click()


def wait_for(check, seconds=10):
    """`check()` once it is true, or its last answer. The test server shares
    one in-memory SQLite database with the test, so a read made while the
    server writes can find a table locked: that is asked again."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except OperationalError:
            value = None
        if value:
            return value
        time.sleep(0.1)
    return check()
