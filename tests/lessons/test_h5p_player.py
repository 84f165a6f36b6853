"""Uploaded H5P packages: extracted once, served only through the access
policy, xAPI statements applied to the block's completion rule, state saved."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from learners.models import LearningEvent, LessonProgress
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


def test_package_files_go_only_to_learners_who_may_open_the_lesson(
    client, lesson, package, member
):
    url = f"/h5p/{package.pk}/h5p.json"

    mine = client.get(url)
    stranger = Client()
    stranger.force_login(learner(username="stranger"))

    assert mine.status_code == 200
    assert json.loads(b"".join(mine.streaming_content))["mainLibrary"] == (
        "H5P.CoursewrightCheck"
    )
    assert mine["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert "private" in mine["Cache-Control"]
    assert stranger.get(url).status_code == 403
    assert Client().get(url).status_code == 403
    assert client.get(f"/h5p/{package.pk}/../../settings.py").status_code == 404


def test_the_lesson_page_plays_the_package(client, lesson, package, member):
    html = client.get(lesson.url).content.decode()

    assert "data-h5p-player" in html and package.player_base_url in html
    assert "vendor/h5p-standalone/main.bundle.js" in html


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
