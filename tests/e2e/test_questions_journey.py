"""A learner asks about a lesson, the instructor answers, the learner accepts
the answer and reviews the course: in the browser, at desktop and phone
widths."""

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
    live_server, people, page, output_dir, width
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

    log_in(page, live_server, "teacher@example.com")
    page.goto(thread)
    page.get_by_label("Your answer").fill("Yes: it passes in a week. Take breaks.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".post--answer")).to_contain_text("Instructor")

    log_in(page, live_server, "student@example.com")
    page.goto(thread)
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
