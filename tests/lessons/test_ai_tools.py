"""AI-tool launch tokens: issued on the lesson page, checked in full by the
API (algorithm, signature, audience, issuer, expiry), usable once."""

import json
import re
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.test import Client

from learners.models import LearningEvent, LessonProgress
from lessons.models import ToolLaunch
from lessons.tool_tokens import tool_secret
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://tutor.example.com"
TOOL = {
    "type": "ai_tool",
    "id": "tutor",
    "value": {
        "title": "Practise with the tutor",
        "tool_url": f"{ORIGIN}/embed",
        "allowed_origin": ORIGIN,
        "height": 400,
    },
}


@pytest.fixture
def lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="ai", title="AI course")
    section = SectionPageFactory(parent=course, slug="s")
    return LessonPageFactory(parent=section, slug="tutor", title="Tutor", body=[TOOL])


@pytest.fixture
def member(client, lesson):
    user = learner(username="tutee")
    enrolled(user, lesson.course)
    client.force_login(user)
    return user


def launch_token(client, lesson):
    html = client.get(lesson.url).content.decode()
    src = re.search(r'<iframe class="ai-tool-block__frame" src="([^"]+)"', html).group(
        1
    )
    return parse_qs(urlsplit(src.replace("&amp;", "&")).query)["token"][0]


def api(path, body):
    return Client().post(
        f"/api/v1/ai-tools/{path}", json.dumps(body), content_type="application/json"
    )


def test_the_lesson_gives_the_tool_a_short_lived_pseudonymous_token(
    client, lesson, member, settings
):
    token = launch_token(client, lesson)
    claims = jwt.decode(
        token, tool_secret(ORIGIN), algorithms=["HS256"], audience=ORIGIN
    )

    assert claims["iss"] == settings.SITE_URL
    assert claims["lesson"] == lesson.pk and claims["block"] == "tutor"
    assert claims["exp"] - claims["iat"] <= 15 * 60
    assert claims["sub"] != str(member.pk) and re.fullmatch(
        "[0-9a-f]{32}", claims["sub"]
    )
    assert ToolLaunch.objects.get(jti=claims["jti"]).user == member


def test_a_completed_result_is_recorded_once_and_completes_the_lesson(
    client, lesson, member
):
    token = launch_token(client, lesson)

    first = api(
        "complete", {"token": token, "result": {"completed": True, "score": 80}}
    )
    again = api("complete", {"token": token, "result": {"completed": True}})

    assert first.status_code == 200 and first.json()["lesson_completed"] is True
    assert again.status_code == 409
    event = LearningEvent.objects.get(kind="ai_tool_result")
    assert (event.verified, event.score_percent) == (True, 80)
    assert LessonProgress.objects.get(lesson=lesson).is_completed


def forged(claims_change=None, key=None, algorithm="HS256", lesson=None):
    now = int(time.time())
    claims = {
        "iss": "http://testserver",
        "aud": ORIGIN,
        "sub": "x" * 32,
        "lesson": lesson.pk,
        "block": "tutor",
        "iat": now,
        "exp": now + 600,
        "jti": "forged",
        **(claims_change or {}),
    }
    return jwt.encode(claims, key or tool_secret(ORIGIN), algorithm=algorithm)


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        ({}, "a-different-secret-that-is-long-enough-for-hs256", "not valid"),
        ({"aud": "https://evil.example"}, None, "not valid"),
        ({"iss": "https://elsewhere.example"}, None, "not valid"),
        ({"exp": int(time.time()) - 10}, None, "expired"),
        ({"block": "another"}, None, "not valid"),
    ],
    ids=["wrong-key", "wrong-audience", "wrong-issuer", "expired", "unknown-block"],
)
def test_a_bad_token_is_refused_and_records_nothing(
    lesson, member, settings, change, key, message
):
    settings.SITE_URL = "http://testserver"
    token = forged(change, key, lesson=lesson)

    response = api("complete", {"token": token, "result": {"completed": True}})

    assert response.status_code == 401
    assert message in response.json()["detail"]
    assert not LearningEvent.objects.exists()


def test_an_unsigned_token_is_refused(lesson, member):
    token = jwt.encode({"lesson": lesson.pk, "block": "tutor"}, None, algorithm="none")

    assert api("validate", {"token": token}).status_code == 401


def test_a_validly_signed_token_that_was_never_issued_is_refused(
    lesson, member, settings
):
    settings.SITE_URL = "http://testserver"

    response = api("complete", {"token": forged(lesson=lesson), "result": {}})

    assert response.status_code == 401


def test_validate_tells_the_tool_the_pseudonym_and_lesson(client, lesson, member):
    token = launch_token(client, lesson)

    body = api("validate", {"token": token}).json()

    assert body["valid"] is True and body["lesson"] == lesson.pk
    assert body["block"] == "tutor" and len(body["learner"]) == 32


def test_a_malformed_result_gets_a_clear_error(client, lesson, member):
    token = launch_token(client, lesson)

    response = api("complete", {"token": token, "result": {"score": 900}})

    assert response.status_code == 422
    assert not LearningEvent.objects.exists()


def test_the_openapi_schema_lists_the_endpoints():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert "/api/v1/ai-tools/complete" in paths and "/api/v1/ai-tools/validate" in paths


def test_frames_are_allowed_only_from_the_lessons_own_tools_and_players(
    catalogue, client, lesson, member
):
    video = {
        "type": "video",
        "id": "v",
        "value": {"url": "https://vimeo.com/76979871", "required_watch_percentage": 50},
    }
    lesson.body = [TOOL, video]
    lesson.save_revision().publish()

    policy = client.get(lesson.url)["Content-Security-Policy"]

    assert policy == (
        "frame-src 'self' https://player.vimeo.com https://tutor.example.com"
    )
