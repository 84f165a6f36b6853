"""A lesson page shows its blocks, the syllabus and the way to the next lesson."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from lessons.models import H5PPackage
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.lessons.factories import LessonPageFactory, h5p_archive
from tests.lessons.test_blocks import AI_TOOL, ASSIGNMENT, QUIZ

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return CoursePageFactory(parent=catalogue, title="Astronomy", slug="astronomy")


def all_blocks_body():
    Document = get_document_model()
    handout = Document.objects.create(
        title="Star chart", file=ContentFile(b"%PDF-1.4 chart", name="chart.pdf")
    )
    package = H5PPackage(title="Planets quiz")
    package.file = ContentFile(h5p_archive(), name="planets.h5p")
    package.full_clean()
    package.save()
    blocks = [
        (
            "video",
            {"url": "https://youtu.be/kqtD5dpn9C8", "required_watch_percentage": 90},
        ),
        ("rich_text", {"content": "<p>The night sky changes with the seasons.</p>"}),
        ("markdown", {"markdown": "Find **Orion** in winter."}),
        ("code", {"language": "python", "code": "print('stars')"}),
        ("pdf", {"document": handout.pk, "height": 600}),
        ("quiz", QUIZ),
        ("assignment", ASSIGNMENT),
        ("h5p", {"package": package.pk, "height": 500}),
        ("ai_tool", AI_TOOL),
    ]
    # Raw stream data, as the editor saves it.
    return [
        {"type": name, "value": value, "id": f"block-{n}"}
        for n, (name, value) in enumerate(blocks)
    ]


def test_a_lesson_with_every_block_type_renders(client, course):
    client.force_login(course.instructor)
    section = SectionPageFactory(parent=course, title="The night sky", slug="night-sky")
    lesson = LessonPageFactory(
        parent=section,
        title="Reading a star chart",
        slug="star-chart",
        body=all_blocks_body(),
    )

    response = client.get("/courses/astronomy/night-sky/star-chart/")

    assert response.status_code == 200
    html = response.content.decode()
    for block in lesson.body:
        assert f'data-block-id="{block.id}"' in html
        assert f'data-block-type="{block.block_type}"' in html
    assert "The night sky changes with the seasons." in html
    assert "Star chart" in html
    assert "Planets quiz" in html


def test_a_lesson_links_to_the_previous_and_next_lesson_across_sections(client, course):
    first = SectionPageFactory(parent=course, slug="one")
    second = SectionPageFactory(parent=course, slug="two")
    LessonPageFactory(parent=first, title="Moon phases", slug="moon")
    LessonPageFactory(parent=first, title="Eclipses", slug="eclipses")
    LessonPageFactory(parent=second, title="Comets", slug="comets")

    response = client.get("/courses/astronomy/one/eclipses/")

    assert response.context["previous_lesson"].title == "Moon phases"
    assert response.context["next_lesson"].title == "Comets"
    html = response.content.decode()
    assert 'rel="prev" href="/courses/astronomy/one/moon/"' in html
    assert 'rel="next" href="/courses/astronomy/two/comets/"' in html
    assert 'aria-current="page" class="is-current"' in html


def test_the_last_lesson_leads_back_to_the_course(client, course):
    section = SectionPageFactory(parent=course, slug="one")
    LessonPageFactory(parent=section, slug="only")

    html = client.get("/courses/astronomy/one/only/").content.decode()

    assert "Back to the course" in html


def test_a_lesson_shows_its_prerequisites_to_the_instructor(client, course):
    section = SectionPageFactory(parent=course, slug="one")
    basics = LessonPageFactory(parent=section, title="Telescope basics", slug="basics")
    lesson = LessonPageFactory(parent=section, slug="deep-sky")
    lesson.prerequisites.set([basics])
    lesson.save_revision().publish()
    client.force_login(course.instructor)

    html = client.get("/courses/astronomy/one/deep-sky/").content.decode()

    assert "Learners complete these lessons first:" in html
    assert "Telescope basics" in html


def test_a_draft_lesson_is_not_in_the_syllabus(client, course):
    section = SectionPageFactory(parent=course, slug="one")
    LessonPageFactory(parent=section, title="Published lesson", slug="live")
    LessonPageFactory(
        parent=section, title="Unfinished lesson", slug="draft", live=False
    )

    html = client.get("/courses/astronomy/").content.decode()

    assert "Published lesson" in html
    assert "Unfinished lesson" not in html
    assert client.get("/courses/astronomy/one/draft/").status_code == 404
