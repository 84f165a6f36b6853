"""A learner fails a quiz, tries again, passes, and the lesson completes."""

import pytest
from playwright.sync_api import expect

from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.assessment_data import quiz_block
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quiz_lesson(live_server):
    catalogue = build_site().catalogue
    course = CoursePageFactory(parent=catalogue, slug="geo", title="Geography")
    section = SectionPageFactory(parent=course, slug="capitals")
    lesson = LessonPageFactory(
        parent=section,
        slug="quiz",
        title="Capitals quiz",
        body=[quiz_block(max_attempts=3)],
    )
    user = learner(username="traveller", email="traveller@example.com")
    user.set_password("see-the-world-2026")
    user.save()
    enrolled(user, course)
    return lesson


def test_fail_retry_pass_completes_the_lesson(
    live_server, quiz_lesson, page, output_dir
):
    page.goto(live_server.url + "/accounts/login/?next=/courses/geo/capitals/quiz/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("traveller@example.com")
    form.locator("input[name=password]").fill("see-the-world-2026")
    form.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capitals quiz")

    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Lyon").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator(".quiz-result")).to_contain_text("Not passed: 60% needed")

    page.get_by_role("button", name="Try again").click()
    page.get_by_label("Paris").check()
    page.get_by_label("Your answer").fill("  nairobi ")
    page.get_by_role("button", name="Submit answers").click()

    expect(page.locator(".quiz-passed")).to_contain_text("You passed this quiz.")
    expect(page.locator("[data-completion-status]")).to_contain_text(
        "You completed this lesson"
    )
    expect(page.locator(".attempts tbody tr")).to_have_count(2)
    page.screenshot(path=str(output_dir / "quiz-passed.png"), full_page=True)
