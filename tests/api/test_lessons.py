"""`/api/v1/lessons/{id}/`: every block as typed JSON for someone the access
policy lets in, a teaser for anyone else, and never a quiz's answers."""

import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from learners.models import LessonProgress
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.learners.test_access import EXPECTED_LIVE, build, people
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://tutor.example.com"
QUIZ = {
    "type": "quiz",
    "id": "q1",
    "value": {
        "title": "Check",
        "pass_mark": 50,
        "questions": [
            {
                "type": "single_choice",
                "id": "c1",
                "value": {
                    "prompt": "Which is a prime?",
                    "explanation": "Seven has no divisors but 1 and itself.",
                    "options": [
                        {"text": "Six", "correct": False},
                        {"text": "Seven", "correct": True},
                    ],
                },
            },
            {
                "type": "short_text",
                "id": "s1",
                "value": {
                    "prompt": "Capital of France?",
                    "accepted_answers": ["Paris"],
                },
            },
            {
                "type": "numeric",
                "id": "n1",
                "value": {"prompt": "Pi to two places?", "answer": "3.14"},
            },
        ],
    },
}


@pytest.fixture
def lesson(catalogue, settings):
    settings.AI_TOOL_SECRETS = {ORIGIN: "a tool secret that is long enough to sign"}
    handout = get_document_model().objects.create(
        title="Handout", file=ContentFile(b"%PDF-1.4 test", name="handout.pdf")
    )
    course = CoursePageFactory(parent=catalogue, slug="all", title="All blocks")
    section = SectionPageFactory(parent=course, slug="s")
    body = [
        {
            "type": "video",
            "id": "v1",
            "value": {"url": "https://youtu.be/kqtD5dpn9C8", "transcript": "Hi."},
        },
        {"type": "rich_text", "id": "r1", "value": {"content": "<p>Read me</p>"}},
        {"type": "markdown", "id": "m1", "value": {"markdown": "**bold** <script>"}},
        {"type": "code", "id": "k1", "value": {"language": "python", "code": "x = 1"}},
        {"type": "pdf", "id": "p1", "value": {"document": handout.pk}},
        QUIZ,
        {
            "type": "assignment",
            "id": "a1",
            "value": {"title": "Essay", "instructions": "<p>Write.</p>"},
        },
        {
            "type": "ai_tool",
            "id": "t1",
            "value": {
                "title": "Tutor",
                "tool_url": f"{ORIGIN}/embed",
                "allowed_origin": ORIGIN,
            },
        },
    ]
    return LessonPageFactory(parent=section, slug="all", title="Everything", body=body)


def get(client, lesson):
    return client.get(f"/api/v1/lessons/{lesson.pk}/")


def test_an_enrolled_learner_gets_every_block_typed(client, lesson):
    ada = learner()
    enrolled(ada, lesson.course)
    client.force_login(ada)

    answer = get(client, lesson).json()

    assert answer["access"] == "full" and answer["course"]["title"] == "All blocks"
    blocks = {block["type"]: block["value"] for block in answer["blocks"]}
    assert blocks["video"]["provider"] == "youtube"
    assert blocks["video"]["embed_url"].startswith("https://www.youtube-nocookie.com/")
    assert blocks["rich_text"]["html"] == "<p>Read me</p>"
    assert "<strong>bold</strong>" in blocks["markdown"]["html"]
    assert "<script>" not in blocks["markdown"]["html"]
    assert blocks["code"]["code"] == "x = 1" and "<pre" in blocks["code"]["html"]
    assert blocks["pdf"]["url"].startswith("http://testserver/documents/")
    assert blocks["assignment"]["instructions_html"] == "<p>Write.</p>"
    assert blocks["ai_tool"]["launch_url"].startswith(f"{ORIGIN}/embed?token=")
    quiz = blocks["quiz"]
    assert [q["type"] for q in quiz["questions"]] == [
        "single_choice",
        "short_text",
        "numeric",
    ]
    assert quiz["questions"][0]["options"] == ["Six", "Seven"]


def test_a_quiz_never_gives_its_answers_away(client, lesson):
    ada = learner()
    enrolled(ada, lesson.course)
    client.force_login(ada)

    text = json.dumps(get(client, lesson).json())

    for secret in ("correct", "Paris", "3.14", "Seven has no divisors", "accepted"):
        assert secret not in text.replace('"Seven"', "")


def test_opening_a_lesson_in_full_starts_it(client, lesson):
    ada = learner()
    enrolled(ada, lesson.course)
    client.force_login(ada)

    get(client, lesson)

    assert LessonProgress.objects.get(enrollment__user=ada).started_at is not None


def test_someone_not_enrolled_gets_a_teaser_with_the_reason(client, lesson):
    client.force_login(learner())

    answer = get(client, lesson).json()

    assert answer["access"] == "teaser" and answer["reason"] == "not_enrolled"
    assert answer["blocks"] is None and "Enrol" in answer["message"]
    assert not LessonProgress.objects.exists()


def test_a_lesson_of_an_unpublished_course_is_a_404(client, lesson):
    lesson.course.unpublish()
    client.force_login(learner())

    response = get(client, lesson)

    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_access_table_replayed_through_the_lesson_endpoint(catalogue):
    course, ordered, instructor, lessons = build(catalogue, True)
    users = people(course, ordered, instructor, True)

    actual = {}
    for who, user in users.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        actual[who] = {}
        for kind, item in lessons.items():
            answer = get(client, item).json()
            actual[who][kind] = (answer["access"], answer["reason"])
            assert (answer["blocks"] is not None) == (answer["access"] == "full")

    expected = {
        who: {kind: (str(level), str(reason)) for kind, (level, reason) in row.items()}
        for who, row in EXPECTED_LIVE.items()
    }
    assert actual == expected
