"""Catalogue search: full text over public course facts, best matches first,
highlighted, with editors' promotions, and never over locked lesson bodies."""

import pytest
from wagtail.contrib.search_promotions.models import Query

from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    teacher = UserFactory(username="grace", first_name="Grace", last_name="Hopper")
    compilers = CoursePageFactory(
        parent=catalogue,
        title="Compilers",
        summary="Turn source into machine code.",
        instructor=teacher,
        learning_outcomes=[("outcome", "Write a recursive descent parser")],
    )
    gardening = CoursePageFactory(
        parent=catalogue, title="Gardening", summary="Grow vegetables at home."
    )
    section = SectionPageFactory(parent=gardening, slug="s")
    LessonPageFactory(parent=section, title="Composting basics", slug="compost")
    LessonPageFactory(
        parent=section,
        title="Secret soil",
        slug="soil",
        body=[
            {
                "type": "rich_text",
                "id": "r",
                "value": {"content": "<p>Add crushed zirconium eggshells.</p>"},
            }
        ],
    )
    return compilers, gardening


def found(client, q):
    response = client.get("/courses/", {"q": q})
    return [course.title for course in response.context["courses"]], response


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("machine code", "Compilers"),  # summary
        ("parser", "Compilers"),  # learning outcomes
        ("Hopper", "Compilers"),  # instructor name
        ("composting", "Gardening"),  # a lesson title
    ],
)
def test_search_covers_the_public_facts_of_a_course(client, courses, query, title):
    titles, _response = found(client, query)

    assert titles == [title]


def test_locked_lesson_bodies_are_not_searchable(client, courses):
    titles, _response = found(client, "zirconium")

    assert titles == []


def test_matches_are_highlighted_and_the_page_is_not_indexed(client, courses):
    _titles, response = found(client, "vegetables")
    html = response.content.decode()

    assert "Grow <mark>vegetables</mark> at home." in html
    assert 'content="noindex, follow"' in html


def test_editors_can_promote_a_course_for_a_search(client, courses):
    compilers, _gardening = courses
    Query.get("grow").editors_picks.create(page=compilers, sort_order=0)

    html = found(client, "grow")[1].content.decode()

    assert "Recommended for this search" in html
    promoted = html.split("Recommended for this search")[1].split("</section>")[0]
    assert "Compilers" in promoted
