"""A learner's SCORM data: the player's page carries the runtime and the
saved data, files open only through the signed token and the access policy,
commits keep only what may be restored, the block's rule decides
completion, and a session's time is counted once and never more than the
real time."""

import json
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from learners.models import LearningEvent, LessonProgress, ScormRecord
from learners.pseudonyms import learner_id
from lessons.models import ScormPackage
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory
from tests.lessons.scorm_packages import scorm_zip

pytestmark = pytest.mark.django_db


def make_package(version="1.2", scos=("sco-1",), extra=None):
    package = ScormPackage(
        file=ContentFile(scorm_zip(version, scos=scos, extra=extra), name="p.zip")
    )
    package.read_upload()
    package.save()
    return package


@pytest.fixture
def lesson_with(catalogue, django_capture_on_commit_callbacks):
    def build(version="1.2", scos=("sco-1",), rule="completed", minimum=0, extra=None):
        with django_capture_on_commit_callbacks(execute=True):
            package = make_package(version, scos, extra)
        course = CoursePageFactory(
            parent=catalogue, slug=f"sc-{version.replace('.', '')}", title="SCORM"
        )
        section = SectionPageFactory(parent=course, slug="s")
        lesson = LessonPageFactory(
            parent=section,
            slug="pkg",
            title="Package",
            body=[
                {
                    "type": "scorm",
                    "id": "sc1",
                    "value": {
                        "package": package.pk,
                        "completion_rule": rule,
                        "minimum_score": minimum,
                    },
                }
            ],
        )
        lesson.save_revision().publish()
        return lesson

    return build


@pytest.fixture
def member(client):
    def join(lesson):
        user = learner(username="scormer", first_name="Ada", last_name="Lovelace")
        enrolled(user, lesson.course)
        client.force_login(user)
        return user

    return join


def frame_src(client, lesson):
    html = client.get(lesson.url).content.decode()
    return re.search(
        r'<iframe name="scorm-sc1" class="scorm-block__frame" src="([^"]+)"', html
    )[1]


def runtime_config(response):
    html = response.content.decode()
    return json.loads(
        re.search(
            r'<script id="coursewright-scorm" type="application/json">(.*?)</script>',
            html,
        )[1]
    )


def commit(client, lesson, cmi, sco="sco-1", final=False):
    return client.post(
        f"{lesson.url}scorm/sc1/commit/",
        json.dumps({"sco": sco, "cmi": cmi, "final": final}),
        content_type="application/json",
    )


# The player ----------------------------------------------------------------------


def test_the_lesson_frames_the_sco_sandboxed_without_same_origin(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    html = client.get(lesson.url).content.decode()
    frame = re.search(r'<iframe name="scorm-sc1"[^>]*>', html)[0]

    assert 'sandbox="allow-scripts' in frame and "allow-same-origin" not in frame
    assert "js/scorm-player.js" in html


def test_the_sco_page_comes_with_the_runtime_and_the_saved_data(
    client, lesson_with, member
):
    lesson = lesson_with()
    user = member(lesson)
    commit(
        client, lesson, {"cmi": {"core": {"lesson_location": "p2", "exit": "suspend"}}}
    )

    response = Client().get(frame_src(client, lesson))  # no cookie: the token opens it
    html = response.content.decode()
    config = runtime_config(response)

    assert response.status_code == 200
    head = html.index("<head>")
    assert html.index('id="coursewright-scorm"') > head
    assert html.index("vendor/scorm-again/scorm12.min.js") < html.index("<title>")
    assert config["version"] == "1.2" and config["sco"] == "sco-1"
    assert config["parentOrigin"] == "http://testserver"
    cmi = config["cmi"]
    assert cmi["cmi.core.lesson_location"] == "p2"
    assert cmi["cmi.core.entry"] == "resume"
    assert cmi["cmi.core.student_name"] == "Lovelace, Ada"
    assert cmi["cmi.core.student_id"] == learner_id(user)
    assert user.email not in html
    policy = response["Content-Security-Policy"]
    assert (
        policy.startswith("sandbox allow-scripts") and "allow-same-origin" not in policy
    )
    assert "frame-ancestors http://testserver" in policy
    assert response["Cache-Control"] == "private, no-store"


def test_only_the_launch_file_starts_a_session_other_pages_only_read(
    client, lesson_with, member
):
    page_two = "<html><head><title>Two</title></head><body>Two</body></html>"
    lesson = lesson_with(extra={"sco-1/two.html": page_two})
    member(lesson)
    launch = frame_src(client, lesson)
    Client().get(launch)
    commit(client, lesson, {"cmi": {"core": {"lesson_location": "p1"}}})
    started = ScormRecord.objects.get().session_started_at

    response = Client().get(launch.replace("/index.html", "/two.html"))

    assert runtime_config(response)["cmi"]["cmi.core.lesson_location"] == "p1"
    record = ScormRecord.objects.get()
    assert record.session_started_at == started
    assert ScormRecord.objects.count() == 1


def test_a_2004_sco_gets_the_2004_runtime_and_its_passing_score(
    client, lesson_with, member
):
    lesson = lesson_with("2004")
    member(lesson)

    config = runtime_config(Client().get(frame_src(client, lesson)))

    assert config["version"] == "2004"
    assert config["cmi"]["cmi.entry"] == "ab-initio"
    assert "cmi.core.entry" not in config["cmi"]


def test_package_files_need_a_good_token_and_stay_inside_the_package(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    src = frame_src(client, lesson)
    base = src.rsplit("/", 2)[0]

    manifest = Client().get(f"{base}/imsmanifest.xml")
    assert manifest.status_code == 200
    assert manifest["Content-Security-Policy"] == "sandbox"
    assert Client().get(src.replace("/scorm/", "/scorm/x")).status_code == 404
    assert Client().get(f"{base}/../../settings.py").status_code == 404
    assert Client().get(f"{base}/nothing.html").status_code == 404


def test_a_token_stops_working_when_the_enrolment_ends(client, lesson_with, member):
    lesson = lesson_with()
    user = member(lesson)
    src = frame_src(client, lesson)
    enrollment = user.enrollments.get()
    enrollment.leave()
    enrollment.save()

    assert Client().get(src).status_code == 404


def test_a_visitor_of_a_free_preview_sees_what_the_package_is_but_no_player(
    client, lesson_with
):
    lesson = lesson_with()
    lesson.free_preview = True
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()

    assert "scorm-block__frame" not in html
    assert "Interactive activity (SCORM 1.2), 1 part." in html


# Commits -----------------------------------------------------------------------


def test_a_commit_keeps_only_what_may_be_restored(client, lesson_with, member):
    lesson = lesson_with()
    member(lesson)

    response = commit(
        client,
        lesson,
        {
            "cmi": {
                "core": {
                    "lesson_location": "p4",
                    "student_id": "someone-else",
                    "credit": "no-credit",
                    "total_time": "99:00:00",
                },
                "suspend_data": "abc",
                "interactions": {"0": {"id": "q1", "result": "correct"}},
            }
        },
    )

    record = ScormRecord.objects.get()
    assert response.status_code == 200
    assert record.cmi == {
        "cmi.core.lesson_location": "p4",
        "cmi.suspend_data": "abc",
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.result": "correct",
    }
    assert record.total_seconds == 0


@pytest.mark.parametrize(
    ("status", "completes"), [("passed", True), ("completed", True), ("failed", False)]
)
def test_scorm_12_status_decides_the_lesson(
    client, lesson_with, member, status, completes
):
    lesson = lesson_with()
    member(lesson)

    body = commit(client, lesson, {"cmi": {"core": {"lesson_status": status}}}).json()

    assert body["lesson_completed"] is completes
    assert body["requirements"][0]["done"] is completes
    assert (
        LessonProgress.objects.filter(lesson=lesson, status="completed").exists()
        is completes
    )


def test_scorm_2004_passed_rule_needs_the_minimum_score(client, lesson_with, member):
    lesson = lesson_with("2004", rule="passed", minimum=80)
    member(lesson)
    low = {
        "completion_status": "completed",
        "success_status": "passed",
        "score": {"scaled": "0.7"},
    }

    assert commit(client, lesson, {"cmi": low}).json()["lesson_completed"] is False
    high = dict(low, score={"scaled": "0.85"})
    assert commit(client, lesson, {"cmi": high}).json()["lesson_completed"] is True
    event = LearningEvent.objects.filter(kind="scorm_result").latest("pk")
    assert event.score_percent == 85 and event.verified is False


def test_every_sco_of_a_package_must_be_done(client, lesson_with, member):
    lesson = lesson_with("1.2", scos=("one", "two"))
    member(lesson)
    done = {"cmi": {"core": {"lesson_status": "completed"}}}

    assert commit(client, lesson, done, sco="one").json()["lesson_completed"] is False
    assert commit(client, lesson, done, sco="two").json()["lesson_completed"] is True


def test_a_commit_for_an_unknown_activity_or_block_is_refused(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)

    assert commit(client, lesson, {}, sco="nope").status_code == 404
    other = client.post(
        f"{lesson.url}scorm/zz/commit/",
        json.dumps({"sco": "sco-1", "cmi": {}}),
        content_type="application/json",
    )
    assert other.status_code == 404
    assert client.get(f"{lesson.url}scorm/sc1/commit/").status_code == 405
    assert not ScormRecord.objects.exists()


def test_bad_commits_get_a_clear_400(client, lesson_with, member):
    lesson = lesson_with("2004")
    member(lesson)

    too_big = commit(client, lesson, {"cmi": {"suspend_data": "x" * 64_001}})
    not_json = client.post(
        f"{lesson.url}scorm/sc1/commit/", "{", content_type="application/json"
    )
    no_sco = commit(client, lesson, {}, sco="")

    assert too_big.status_code == 400 and "longer than" in too_big.json()["error"]
    assert not_json.status_code == 400
    assert no_sco.status_code == 400
    assert not ScormRecord.objects.exists()


def test_a_visitor_or_an_outsider_cannot_commit(client, lesson_with):
    lesson = lesson_with()
    outsider = learner(username="outsider")

    anonymous = commit(client, lesson, {}, sco="sco-1")
    client.force_login(outsider)
    stranger = commit(client, lesson, {}, sco="sco-1")

    assert anonymous.status_code == 401
    assert stranger.status_code == 403
    assert not ScormRecord.objects.exists()


def test_the_closing_beacon_is_a_form_with_the_csrf_token(lesson_with, catalogue):
    lesson = lesson_with()
    user = learner(username="closing")
    enrolled(user, lesson.course)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get(lesson.url)
    token = browser.cookies["csrftoken"].value
    form = {
        "sco": "sco-1",
        "cmi": json.dumps({"cmi": {"core": {"lesson_location": "p9"}}}),
    }

    refused = browser.post(f"{lesson.url}scorm/sc1/commit/", dict(form, final="true"))
    accepted = browser.post(
        f"{lesson.url}scorm/sc1/commit/",
        dict(form, final="true", csrfmiddlewaretoken=token),
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert ScormRecord.objects.get().cmi["cmi.core.lesson_location"] == "p9"


def test_session_time_is_added_once_and_never_beyond_the_real_time(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    Client().get(frame_src(client, lesson))  # the launch starts the clock
    ScormRecord.objects.update(session_started_at=timezone.now() - timedelta(minutes=5))
    claim = {
        "cmi": {"core": {"session_time": "02:00:00", "lesson_status": "incomplete"}}
    }

    commit(client, lesson, claim, final=True)
    commit(client, lesson, claim, final=True)  # a replay adds nothing

    record = ScormRecord.objects.get()
    assert 295 <= record.total_seconds <= 310
    assert record.session_started_at is None


def test_staff_try_the_package_in_browse_mode_and_nothing_is_kept(
    client, lesson_with, admin_user
):
    lesson = lesson_with()
    client.force_login(admin_user)
    html = client.get(lesson.url).content.decode()

    response = Client().get(frame_src(client, lesson))
    config = runtime_config(response)

    assert "data-preview=" in html
    assert response.status_code == 200
    assert config["cmi"]["cmi.core.lesson_mode"] == "browse"
    assert config["cmi"]["cmi.core.credit"] == "no-credit"
    assert not ScormRecord.objects.exists()
