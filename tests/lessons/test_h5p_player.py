"""Uploaded H5P packages: extracted once, served only through the access
policy, xAPI statements applied to the block's completion rule, state saved."""

import json
import re
from time import time
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from learners.models import Enrollment, LearningEvent, LessonProgress
from lessons.models import H5PPackage
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory
from tests.lessons.h5p_check_package import check_package

pytestmark = pytest.mark.django_db

VERBS = "http://adlnet.gov/expapi/verbs/"


def h5p_block(package, rule="completed", minimum=0):
    return {
        "type": "h5p",
        "id": "h1",
        "value": {
            "package": package.pk,
            "height": 400,
            "completion_rule": rule,
            "minimum_score": minimum,
        },
    }


@pytest.fixture
def package(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return H5PPackage.objects.create(
            title="Capital check", file=ContentFile(check_package(), name="c.h5p")
        )


@pytest.fixture
def lesson(catalogue, package):
    course = CoursePageFactory(parent=catalogue, slug="h5p", title="H5P course")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section, slug="check", title="Check", body=[h5p_block(package)]
    )
    lesson.save_revision().publish()  # indexes the reference to the package
    return lesson


@pytest.fixture
def member(client, lesson):
    user = learner(username="player")
    enrolled(user, lesson.course)
    client.force_login(user)
    return user


def statement(verb, scaled=None, nested=False, **result):
    data = {"verb": {"id": VERBS + verb}, "result": dict(result)}
    if scaled is not None:
        data["result"]["score"] = {"scaled": scaled}
    if nested:
        data["context"] = {"contextActivities": {"parent": [{"id": "x"}]}}
    return data


def send(client, lesson, data):
    return client.post(
        f"{lesson.url}h5p/h1/xapi/", json.dumps(data), content_type="application/json"
    )


def test_an_upload_is_extracted_once_into_storage(package):
    package.refresh_from_db()

    assert package.extracted
    assert default_storage.exists(f"{package.content_path}/h5p.json")
    assert default_storage.exists(
        f"{package.content_path}/H5P.CoursewrightCheck-1.0/check.js"
    )


def player_src(client, lesson):
    html = client.get(lesson.url).content.decode()
    return re.search(r'<iframe class="h5p-block__frame" src="([^"]+)"', html)[1]


def test_the_lesson_page_frames_the_player_sandboxed_without_same_origin(
    client, lesson, member
):
    html = client.get(lesson.url).content.decode()
    frame = re.search(r'<iframe class="h5p-block__frame"[^>]*>', html)[0]

    assert 'sandbox="allow-scripts' in frame and "allow-same-origin" not in frame
    assert "vendor/h5p-standalone/main.bundle.js" not in html
    assert "js/h5p-player.js" in html


def test_staff_try_the_activity_in_a_preview_that_sends_nothing(
    client, lesson, admin_user
):
    client.force_login(admin_user)

    html = client.get(lesson.url).content.decode()

    assert "data-preview" in html and "A preview: the activity plays" in html
    assert client.get(player_src(client, lesson)).status_code == 200


def test_the_player_page_is_sandboxed_and_framed_only_by_the_lesson_page(
    client, lesson, member
):
    response = client.get(player_src(client, lesson))
    policy = response["Content-Security-Policy"]

    assert response.status_code == 200
    assert (
        policy.startswith("sandbox allow-scripts") and "allow-same-origin" not in policy
    )
    assert "frame-ancestors http://testserver" in policy
    assert "X-Frame-Options" not in response
    assert 'data-parent-origin="http://testserver"' in response.content.decode()


def test_package_files_open_with_the_signed_token_not_the_cookie(
    client, lesson, package, member
):
    base = player_src(client, lesson).removesuffix("play/")

    anonymous = Client().get(base + "h5p.json")
    forged = Client().get(f"/h5p/{package.pk}/h5p.json")

    assert anonymous.status_code == 200  # the token is the credential
    assert json.loads(b"".join(anonymous.streaming_content))["mainLibrary"] == (
        "H5P.CoursewrightCheck"
    )
    assert anonymous["Content-Security-Policy"] == "sandbox"
    assert anonymous["Access-Control-Allow-Origin"] == "*"
    assert "private" in anonymous["Cache-Control"]
    assert forged.status_code == 404
    assert Client().get(base + "../../settings.py").status_code == 404


def test_a_token_stops_working_when_the_learner_loses_access(client, lesson, member):
    src = player_src(client, lesson)
    Enrollment.objects.filter(user=member).delete()

    assert client.get(src).status_code == 404
    assert client.get(src.removesuffix("play/") + "h5p.json").status_code == 404


def test_a_token_expires(client, lesson, member, settings):
    src = player_src(client, lesson)

    with mock.patch("django.core.signing.time.time", return_value=time() + 9 * 3600):
        expired = client.get(src)

    assert expired.status_code == 404


def test_a_stranger_gets_no_player(lesson):
    stranger = Client()
    stranger.force_login(learner(username="stranger"))

    html = stranger.get(lesson.url).content.decode()

    assert "h5p-block__frame" not in html


def test_the_content_host_serves_only_packages_and_static_files(
    client, lesson, member, settings
):
    settings.CONTENT_ORIGIN = "http://content.testserver"
    settings.CONTENT_HOST = "content.testserver"
    src = player_src(client, lesson)
    content = Client(HTTP_HOST="content.testserver")

    assert src.startswith("http://content.testserver/h5p/")
    assert content.get(src.removeprefix("http://content.testserver")).status_code == 200
    assert content.get(lesson.url).status_code == 404
    assert content.get("/admin/").status_code == 404


def test_a_completed_statement_completes_the_lesson_as_self_reported(
    client, lesson, member
):
    ignored = send(client, lesson, statement("answered", 1, nested=True)).json()
    done = send(client, lesson, statement("completed", 1, completion=True)).json()

    assert ignored["recorded"] is False
    assert (done["recorded"], done["lesson_completed"]) == (True, True)
    assert done["requirements"] == [{"id": "h1", "done": True, "detail": ""}]
    event = LearningEvent.objects.get(kind="h5p_statement")
    assert (event.verified, event.score_percent) == (False, 100)


def test_the_passed_rule_needs_the_minimum_score(client, lesson, package, member):
    lesson.body = [h5p_block(package, rule="passed", minimum=80)]
    lesson.save_revision().publish()

    low = send(client, lesson, statement("completed", 0.5, success=False)).json()
    high = send(client, lesson, statement("passed", 0.9, success=True)).json()

    assert low["lesson_completed"] is False
    assert high["lesson_completed"] is True


def test_an_answered_statement_with_success_and_full_score_meets_passed(
    client, lesson, package, member
):
    lesson.body = [h5p_block(package, rule="passed", minimum=50)]
    lesson.save_revision().publish()

    answered = {
        "verb": {"id": VERBS + "answered"},
        "result": {"success": True, "score": {"raw": 1, "max": 1, "scaled": 1}},
    }
    done = send(client, lesson, answered).json()

    assert done["lesson_completed"] is True


def test_an_answered_statement_without_success_does_not_meet_passed(
    client, lesson, package, member
):
    lesson.body = [h5p_block(package, rule="passed", minimum=50)]
    lesson.save_revision().publish()

    wrong = {
        "verb": {"id": VERBS + "answered"},
        "result": {"success": False, "score": {"raw": 0, "max": 1, "scaled": 0}},
    }
    lucky = statement("answered", 1, success=False)
    first, second = (send(client, lesson, data).json() for data in (wrong, lucky))

    assert first["lesson_completed"] is False and second["lesson_completed"] is False
    assert LearningEvent.objects.filter(kind="h5p_statement").count() == 2


def test_one_view_is_recorded_once_however_often_it_is_announced(
    client, lesson, package, member
):
    attempted = {"verb": {"id": VERBS + "attempted"}}
    url = f"{lesson.url}h5p/h1/xapi/?view=page-view-1"
    for _ in range(2):
        client.post(url, json.dumps(attempted), content_type="application/json")
    client.post(
        f"{lesson.url}h5p/h1/xapi/?view=page-view-2",
        json.dumps(attempted),
        content_type="application/json",
    )

    views = LearningEvent.objects.filter(
        kind="h5p_statement", payload__verb="attempted"
    )
    assert views.count() == 2


def test_a_statement_from_someone_not_enrolled_is_refused(client, lesson):
    client.force_login(learner(username="outsider"))

    response = send(client, lesson, statement("completed", 1))

    assert response.status_code == 403
    assert not LearningEvent.objects.exists()
    assert not LessonProgress.objects.filter(status="completed").exists()


def test_state_is_saved_and_given_back_and_capped(client, lesson, member):
    url = f"{lesson.url}h5p/h1/state/"

    client.post(url, {"data": '{"answer": "true"}'})
    back = client.get(url).json()
    too_big = client.post(url, {"data": "x" * 70_000})

    assert back == {"success": True, "data": '{"answer": "true"}'}
    assert too_big.status_code == 400
