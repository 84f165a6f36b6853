"""The course page sells the course: facts, outcomes, syllabus and a next step."""

import re

import pytest
from django.utils import timezone

from home import content_version
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(
        parent=catalogue,
        title="Bread Baking",
        slug="bread",
        summary="Bake a loaf you are proud of.",
        instructor=UserFactory(first_name="Nadia", last_name="Hussain"),
        difficulty="intermediate",
        learning_outcomes=[("outcome", "Shape a tight boule")],
        sequential_lessons=True,
    )
    dough = SectionPageFactory(parent=course, title="Dough", slug="dough")
    LessonPageFactory(
        parent=dough, title="Flour and water", slug="flour", free_preview=True
    )
    LessonPageFactory(
        parent=dough, title="Kneading", slug="kneading", estimated_minutes=50
    )
    oven = SectionPageFactory(parent=course, title="The oven", slug="oven")
    LessonPageFactory(parent=oven, title="Steam and heat", slug="steam")
    return course


def test_the_syllabus_lists_sections_and_lessons_in_order(client, course):
    html = client.get("/courses/bread/").content.decode()

    order = [
        html.index(t) for t in ("Dough", "Flour and water", "Kneading", "The oven")
    ]
    assert order == sorted(order)
    assert "2 sections" in html
    assert "3 lessons" in html
    assert "1 h 10 min" in html


def test_the_course_page_marks_the_free_preview_and_links_to_it(client, course):
    html = client.get("/courses/bread/").content.decode()

    assert "Free preview" in html
    assert 'href="/courses/bread/dough/flour/">Watch a free lesson' in html


def test_the_course_page_shows_its_facts_and_instructor(client, course):
    html = client.get("/courses/bread/").content.decode()

    assert re.search(
        r"Taught by <a href=\"[^\"]+/instructors/\d+/\"><strong>Nadia Hussain</strong>",
        html,
    )
    assert "Intermediate" in html
    assert "Shape a tight boule" in html
    assert "Lessons open one after another" in html


def test_a_free_course_invites_the_visitor_to_log_in_and_enrol(client, course):
    html = client.get("/courses/bread/").content.decode()

    assert "Free" in html
    assert 'href="/accounts/login/?next=/courses/bread/"' in html
    assert "Enrol for free" in html
    # A link, not a form: the visitor's page holds no token of theirs.
    assert "csrfmiddlewaretoken" not in html


def test_a_logged_in_learner_enrols_with_the_form(client, course):
    client.force_login(learner())
    html = client.get("/courses/bread/").content.decode()

    assert '<form method="post" action="/courses/bread/enroll/">' in html


def test_a_paid_course_shows_its_price_and_no_free_start(client, catalogue):
    CoursePageFactory(
        parent=catalogue, slug="paid", pricing_type="paid", price=12900, currency="ZAR"
    )

    html = client.get("/courses/paid/").content.decode()

    assert "ZAR" in html or "R" in html
    assert "129.00" in html
    assert "Buy this course" in html
    assert "Enrol for free" not in html


def test_a_course_without_lessons_says_so_kindly(client, catalogue):
    CoursePageFactory(parent=catalogue, slug="empty")

    html = client.get("/courses/empty/").content.decode()

    assert "The syllabus is being written" in html


def test_the_section_page_lists_its_lessons(client, course):
    html = client.get("/courses/bread/dough/").content.decode()

    assert "Flour and water" in html
    assert "Steam and heat" not in html
    assert 'href="/courses/bread/#section-dough"' in html


def test_an_unknown_page_gets_a_friendly_404(client, site):
    response = client.get("/courses/no-such-course/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_renamed_category_or_instructor_shows_on_the_next_view(client, course):
    category = course.category
    client.force_login(learner())
    client.get("/courses/bread/")  # the route, with both, is now remembered

    category.name = "Baking and Pastry"
    category.save()
    course.instructor.first_name = "Nadiya"
    course.instructor.save()

    html = client.get("/courses/bread/").content.decode()
    assert "Baking and Pastry" in html
    assert "Nadiya Hussain" in html


def test_an_instructor_logging_in_keeps_every_cached_page(course):
    before = content_version.current()
    content_version.forget_local()
    # What Django's log-in saves.
    course.instructor.last_login = timezone.now()
    course.instructor.save(update_fields=["last_login"])

    assert content_version.current() == before
