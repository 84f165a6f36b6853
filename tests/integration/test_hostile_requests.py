"""Hostile bodies against the running server, over real HTTP: every JSON
endpoint answers 400 within a second, and the server keeps answering."""

import json
import time

import pytest
import requests
from django.test import Client

from lessons.models import LessonPage
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

BODIES = {
    "huge number": b'{"seconds": 1e1000000}',
    "huge number text": b'{"seconds": "1e1000000"}',
    "deep nesting": b'{"a": ' + b"[" * 2000 + b"]" * 2000 + b"}",
    "long digits": b'{"seconds": ' + b"9" * 5000 + b"}",
}
QUIZ = {
    "title": "Check",
    "pass_mark": 50,
    "questions": [
        {
            "type": "true_false",
            "id": "t1",
            "value": {"prompt": "Yes?", "correct_answer": "true", "points": 1},
        }
    ],
}


@pytest.fixture
def session(live_server):
    course = CoursePageFactory(parent=build_site().catalogue, slug="hard")
    section = SectionPageFactory(parent=course, slug="s")
    LessonPageFactory(
        parent=section,
        slug="l",
        body=[
            {"type": "quiz", "id": "q1", "value": QUIZ},
            {"type": "rich_text", "id": "r1", "value": {"content": "<p>Hi</p>"}},
        ],
    )
    user = learner(username="poker")
    enrolled(user, course)
    client = Client()
    client.force_login(user)
    http = requests.Session()
    http.cookies.set("sessionid", client.cookies["sessionid"].value)
    http.get(live_server.url + "/courses/hard/s/l/")  # sets the CSRF cookie
    http.headers.update(
        {
            "X-CSRFToken": http.cookies.get("csrftoken", ""),
            "Content-Type": "application/json",
            "Referer": live_server.url + "/",
        }
    )
    return http


ENDPOINTS = [
    "/courses/hard/s/l/progress/",
    "/lessons/{lesson}/progress/",
    "/courses/hard/s/l/complete/",
    "/courses/hard/s/l/h5p/h1/xapi/",
    "/courses/hard/s/l/quiz/q1/save/",
    "/courses/hard/s/l/quiz/q1/submit/",
    "/api/v1/ai-tools/complete",
    "/api/v1/ai-tools/claim",
    "/api/v1/ai-tools/validate",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("kind", sorted(BODIES))
def test_a_hostile_body_gets_a_quick_400_and_the_server_lives_on(
    live_server, session, endpoint, kind
):
    endpoint = endpoint.format(lesson=LessonPage.objects.get(slug="l").pk)
    started = time.monotonic()
    response = session.post(live_server.url + endpoint, data=BODIES[kind], timeout=5)
    took = time.monotonic() - started

    assert 400 <= response.status_code < 500, response.text[:200]
    assert took < 1
    alive = session.post(
        live_server.url + "/courses/hard/s/l/progress/",
        data=json.dumps({"seconds": 5}),
        timeout=5,
    )
    assert alive.status_code == 200
