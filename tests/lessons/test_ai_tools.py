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
from lessons.tool_tokens import sign_result, tool_secret
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.home.csp import directives
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


def signed_result(token, result, *, key=None, **changes):
    """What the tool's server sends back: its result, signed with its secret."""
    claims = jwt.decode(
        token, tool_secret(ORIGIN), algorithms=["HS256"], audience=ORIGIN
    )
    signed = jwt.decode(
        sign_result(claims, key or tool_secret(ORIGIN), result),
        options={"verify_signature": False},
    )
    return jwt.encode({**signed, **changes}, key or tool_secret(ORIGIN), "HS256")


def test_a_result_signed_by_the_tools_server_is_verified_and_completes_the_lesson(
    client, lesson, member
):
    token = launch_token(client, lesson)
    result = signed_result(token, {"completed": True, "score": 80})

    first = api("complete", {"result_token": result})
    again = api("complete", {"result_token": result})

    assert first.status_code == 200
    assert first.json()["lesson_completed"] is True
    assert first.json()["requirements"] == [
        {"id": "tutor", "done": True, "detail": "Score 80%"}
    ]
    assert again.status_code == 409
    event = LearningEvent.objects.get(kind="ai_tool_result")
    assert (event.verified, event.score_percent) == (True, 80)
    assert LessonProgress.objects.get(lesson=lesson).is_completed


def test_the_launch_token_copied_out_of_the_page_completes_nothing(
    client, lesson, member
):
    token = launch_token(client, lesson)
    forged_result = {"completed": True, "score": 100}

    old_shape = api("complete", {"token": token, "result": forged_result})
    as_result = api("complete", {"result_token": token})
    anonymous_claim = api("claim", {"token": token, "result": forged_result})

    assert old_shape.status_code == 422
    assert as_result.status_code == 401
    assert anonymous_claim.status_code == 401
    assert not LearningEvent.objects.exists()
    assert not LessonProgress.objects.get(lesson=lesson).is_completed


def test_the_learners_own_claim_is_self_reported_and_never_meets_a_verified_rule(
    client, lesson, member
):
    token = launch_token(client, lesson)

    response = client.post(
        "/api/v1/ai-tools/claim",
        json.dumps({"token": token, "result": {"completed": True, "score": 100}}),
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["verified"], body["lesson_completed"]) == (False, False)
    assert body["requirements"][0]["done"] is False
    assert LearningEvent.objects.get(kind="ai_tool_result").verified is False
    assert not LessonProgress.objects.get(lesson=lesson).is_completed


def test_a_claim_completes_a_tool_whose_rule_accepts_reported_results(
    client, lesson, member
):
    lesson.body = [{**TOOL, "value": {**TOOL["value"], "completion_rule": "reported"}}]
    lesson.save_revision().publish()
    token = launch_token(client, lesson)

    response = client.post(
        "/api/v1/ai-tools/claim",
        json.dumps({"token": token, "result": {"completed": True}}),
        content_type="application/json",
    )

    assert response.json()["lesson_completed"] is True


def test_a_claim_needs_the_csrf_token_of_the_learners_session(lesson, member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    token = launch_token(browser, lesson)

    response = browser.post(
        "/api/v1/ai-tools/claim",
        json.dumps({"token": token, "result": {"completed": True}}),
        content_type="application/json",
    )

    assert response.status_code in (401, 403)
    assert not LearningEvent.objects.exists()


def test_another_learners_session_cannot_claim_a_launch(client, lesson, member):
    token = launch_token(client, lesson)
    other = learner(username="other")
    enrolled(other, lesson.course)
    client.force_login(other)

    response = client.post(
        "/api/v1/ai-tools/claim",
        json.dumps({"token": token, "result": {"completed": True}}),
        content_type="application/json",
    )

    assert response.status_code == 401
    assert not LearningEvent.objects.exists()


@pytest.mark.parametrize(
    ("key", "changes"),
    [
        ("a-different-secret-that-is-long-enough-for-hs256", {}),
        (None, {"aud": "https://elsewhere.example"}),
        (None, {"iss": "https://evil.example"}),
        (None, {"sub": "f" * 32}),
        (None, {"purpose": "launch"}),
        (None, {"exp": int(time.time()) - 10}),
        (None, {"exp": int(time.time()) + 3600}),
        (None, {"launch": "never-issued"}),
    ],
    ids=[
        "wrong-key",
        "wrong-audience",
        "wrong-issuer",
        "another-learner",
        "not-a-result",
        "expired",
        "lives-too-long",
        "unknown-launch",
    ],
)
def test_a_result_the_tool_did_not_sign_for_this_launch_is_refused(
    client, lesson, member, key, changes
):
    token = launch_token(client, lesson)
    result = signed_result(token, {"completed": True}, key=key, **changes)

    response = api("complete", {"result_token": result})

    assert response.status_code == 401
    assert not LearningEvent.objects.exists()


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
        "purpose": "launch",
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
def test_a_bad_launch_token_is_refused(lesson, member, settings, change, key, message):
    settings.SITE_URL = "http://testserver"
    token = forged(change, key, lesson=lesson)

    response = api("validate", {"token": token})

    assert response.status_code == 401
    assert message in response.json()["detail"]


def test_an_unsigned_token_is_refused(lesson, member):
    token = jwt.encode({"lesson": lesson.pk, "block": "tutor"}, None, algorithm="none")

    assert api("validate", {"token": token}).status_code == 401


def test_a_validly_signed_launch_that_was_never_issued_cannot_be_claimed(
    client, lesson, member, settings
):
    settings.SITE_URL = "http://testserver"

    response = client.post(
        "/api/v1/ai-tools/claim",
        json.dumps({"token": forged(lesson=lesson), "result": {"completed": True}}),
        content_type="application/json",
    )

    assert response.status_code == 401


def test_validate_tells_the_tool_the_pseudonym_and_lesson(client, lesson, member):
    token = launch_token(client, lesson)

    body = api("validate", {"token": token}).json()

    assert body["valid"] is True and body["lesson"] == lesson.pk
    assert body["block"] == "tutor" and len(body["learner"]) == 32


def test_a_malformed_signed_result_gets_a_clear_error(client, lesson, member):
    token = launch_token(client, lesson)

    response = api("complete", {"result_token": signed_result(token, {"score": 900})})

    assert response.status_code == 422
    assert "expected shape" in response.json()["detail"]
    assert not LearningEvent.objects.exists()


def test_the_openapi_schema_lists_the_endpoints():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert {"/api/v1/ai-tools/complete", "/api/v1/ai-tools/claim"} <= set(paths)
    assert "/api/v1/ai-tools/validate" in paths


def test_a_tool_on_the_sites_own_origin_is_sandboxed_without_same_origin(
    client, lesson, member, settings
):
    own = settings.SITE_URL
    lesson.body = [
        {
            **TOOL,
            "value": {**TOOL["value"], "tool_url": f"{own}/t/", "allowed_origin": own},
        }
    ]
    lesson.save_revision().publish()

    html = client.get(lesson.url).content.decode()

    sandbox = re.search(r'sandbox="([^"]+)"', html).group(1)
    assert "allow-scripts" in sandbox and "allow-same-origin" not in sandbox


def test_a_tool_on_another_origin_keeps_its_own_origin(client, lesson, member):
    html = client.get(lesson.url).content.decode()

    assert "allow-same-origin" in re.search(r'sandbox="([^"]+)"', html).group(1)


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

    policy = directives(client.get(lesson.url)["Content-Security-Policy"])

    assert policy["frame-src"] == (
        "'self' https://player.vimeo.com https://tutor.example.com"
    )
    assert policy["default-src"] == "'self'"
