"""The demo practice tutor is a tool server of its own: it needs a launch
from a lesson, keeps the answers on its side and signs its result."""

import re

import pytest
from django.test import Client

from lessons.demo_tool.bank import BANKS
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def test_the_tutor_refuses_to_start_without_a_launch_token():
    response = Client().get("/demo-tools/practice/", {"topic": "sql", "token": "x"})

    assert response.status_code == 400
    assert "Open this tool from its lesson" in response.content.decode()


def test_a_tampered_session_is_refused():
    response = Client().post(
        "/demo-tools/practice/", {"state": "forged", "answer": "having"}
    )

    assert response.status_code == 400
    assert "This practice session has ended" in response.content.decode()


def test_the_answers_never_reach_the_browser(client, catalogue, settings):
    course = CoursePageFactory(parent=catalogue, slug="sql")
    lesson = LessonPageFactory(
        parent=SectionPageFactory(parent=course, slug="s"),
        slug="practice",
        body=[
            {
                "type": "ai_tool",
                "id": "tutor",
                "value": {
                    "title": "Tutor",
                    "tool_url": f"{settings.SITE_URL}/demo-tools/practice/",
                    "allowed_origin": settings.SITE_URL,
                    "parameters": '{"topic": "sql"}',
                },
            }
        ],
    )
    user = learner(username="asker")
    enrolled(user, course)
    client.force_login(user)
    html = client.get(lesson.url).content.decode()
    src = re.search(r'ai-tool-block__frame" src="([^"]+)"', html).group(1)

    tool_page = Client().get(src.replace("&amp;", "&")).content.decode().lower()

    assert "which clause sorts the result?" in tool_page
    for _prompt, accepted, _why in BANKS["sql"]:
        assert not any(f">{answer}<" in tool_page for answer in accepted)
        assert not any(f'"{answer}"' in tool_page for answer in accepted)
