"""What goes out must be accessible: images described, videos transcribed."""

import pytest

from lessons.validators import accessibility_problems
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def body_of(catalogue, *blocks):
    from tests.courses.factories import CoursePageFactory, SectionPageFactory

    course = CoursePageFactory(parent=catalogue, slug="a11y")
    section = SectionPageFactory(parent=course, slug="s")
    return LessonPageFactory(parent=section, slug="l", body=list(blocks)).body


def video(transcript=""):
    return {
        "type": "video",
        "id": "v",
        "value": {"url": "https://youtu.be/kqtD5dpn9C8", "transcript": transcript},
    }


def text(html):
    return {"type": "rich_text", "id": "t", "value": {"content": html}}


def test_a_video_without_a_transcript_cannot_go_out(catalogue):
    problems = accessibility_problems(body_of(catalogue, video()))

    assert problems == ["Block 1 (video): add a transcript or captions to publish."]


@pytest.mark.parametrize(
    ("html", "ok"),
    [
        (
            '<embed embedtype="image" id="1" format="fullwidth" alt="A bar chart"/>',
            True,
        ),
        ('<embed alt="A bar chart" embedtype="image" id="1" format="left"/>', True),
        ('<embed embedtype="image" id="1" format="fullwidth" alt=""/>', False),
        ('<embed embedtype="image" id="1" format="fullwidth" alt="  "/>', False),
        ('<embed embedtype="image" id="1" format="fullwidth"/>', False),
    ],
)
def test_images_in_text_need_alt_text(catalogue, html, ok):
    problems = accessibility_problems(body_of(catalogue, text(html), video("Said.")))

    assert (problems == []) is ok


def test_markdown_images_need_alt_text(catalogue):
    block = {"type": "markdown", "id": "m", "value": {"markdown": "![](chart.png)"}}

    assert accessibility_problems(body_of(catalogue, block)) == [
        "Block 1 (Markdown): every image needs alt text: ![text](…)."
    ]
