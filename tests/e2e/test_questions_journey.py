"""A learner asks about a lesson, the instructor answers (in another
browser), the learner's bell counts it without a reload, the learner opens
the notification, accepts the answer and reviews the course: at desktop and
phone widths."""

import pytest
from playwright.sync_api import expect

from community.models import Question
from learners import services
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "ask-and-you-shall-learn"


@pytest.fixture
def people(live_server):
    catalogue = build_site().catalogue
    teacher = learner(
        username="teacher", email="teacher@example.com", first_name="Tess"
    )
    course = CoursePageFactory(
        parent=catalogue, slug="guitar", title="Guitar", instructor=teacher
    )
    section = SectionPageFactory(parent=course, slug="basics", title="Basics")
    for slug, title in (("tuning", "Tuning"), ("chords", "First chords")):
        LessonPageFactory(
            parent=section,
            slug=slug,
            title=title,
            body=[{"type": "markdown", "id": slug, "value": {"markdown": "Play."}}],
        )
    student = learner(username="student", email="student@example.com", first_name="Ana")
    for user in (teacher, student):
        user.set_password(PASSWORD)
        user.save()
    enrolled(student, course)
    services.complete_lesson(student, course.syllabus.lessons[0])
    return course, teacher, student


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_ask_on_a_lesson_get_an_answer_accept_it_and_review(
    live_server, people, page, browser, output_dir, width
):
    course, _teacher, _student = people
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "student@example.com")
    page.goto(live_server.url + "/courses/guitar/basics/chords/")
    page.get_by_role("link", name="Questions about this lesson").click()
    expect(page.get_by_label("About the lesson")).to_have_value(
        str(course.syllabus.lessons[1].pk)
    )
    page.get_by_label("Title").fill("My fingers hurt")
    page.get_by_label("Your question").fill("Is it normal after **ten minutes**?")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", name="My fingers hurt")).to_be_visible()
    thread = page.url
    bell = page.locator(".bell")
    before = int(bell.locator("[data-bell-count]").text_content())

    teacher = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(teacher, live_server, "teacher@example.com")
    teacher.goto(thread)
    teacher.get_by_label("Your answer").fill("Yes: it passes in a week. Take breaks.")
    teacher.get_by_role("button", name="Post your answer").click()
    expect(teacher.locator(".post--answer")).to_contain_text("Instructor")
    teacher.context.close()

    # The bell asks the server again when the tab is looked at (and every
    # 30 seconds): the count goes up without a reload.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(bell.locator("[data-bell-count]")).to_have_text(str(before + 1))
    expect(bell).to_have_attribute("aria-label", f"Notifications, {before + 1} unread")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    page.screenshot(path=str(output_dir / f"notifications-{width}.png"), full_page=True)
    page.get_by_role("button", name="New answer to “My fingers hurt”").click()
    page.wait_for_url("**/questions/*/#answer-*")
    expect(bell.locator("[data-bell-count]")).to_have_text(str(before))
    page.get_by_role("button", name="Accept this answer").click()
    expect(page.locator(".post--accepted")).to_contain_text("Accepted answer")
    page.screenshot(path=str(output_dir / f"thread-{width}.png"), full_page=True)
    assert Question.objects.get().accepted_answer is not None

    page.goto(live_server.url + "/courses/guitar/reviews/")
    page.get_by_label("4 ★").check()
    page.get_by_label("What did you think? (optional)").fill("Friendly and clear.")
    page.get_by_role("button", name="Post your review").click()
    expect(page.locator(".rating-summary")).to_contain_text("4.0")
    page.screenshot(path=str(output_dir / f"reviews-{width}.png"), full_page=True)
    page.goto(live_server.url + "/courses/guitar/")
    expect(page.locator(".course-rating")).to_contain_text("4.0")
