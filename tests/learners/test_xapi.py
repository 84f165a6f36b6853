"""Learning records become xAPI 1.0.3 statements and reach a real learning
record store (openfun's ralph, run as a server): each exactly once, even
after a retry or an outage, with a pseudonymous actor, the right verb,
object and result."""

import base64
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from learners import xapi
from learners.models import LearningEvent
from learners.pseudonyms import learner_id
from learners.services import complete_lesson
from learners.services.activity import record_event
from learners.tasks import send_xapi_statement_task
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

RALPH = Path(django_settings.BASE_DIR) / ".venv-lrs" / "bin" / "ralph"
USER, PASSWORD = "coursewright", "statements-only-once"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def lrs(tmp_path):
    """A fresh ralph LRS on the file-system backend, with basic authentication."""
    if not RALPH.exists():
        pytest.fail("The LRS is missing: run 'make lrs'.")
    env = {
        **os.environ,
        "RALPH_AUTH_FILE": str(tmp_path / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(tmp_path / "data"),
    }
    subprocess.run(  # noqa: S603 - the LRS installed by make
        [RALPH, "auth", "-u", USER, "-p", PASSWORD, "-s", "all"]
        + ["-A", "coursewright", "http://testserver", "-w"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - the LRS installed by make
        [RALPH.parent / "python", Path(__file__).parent / "ralph_server.py", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/xAPI"
    server.terminate()
    server.wait(timeout=10)


def stored(lrs, **query):
    """The statements the LRS holds for a query."""
    params = "&".join(f"{key}={value}" for key, value in query.items())
    request = urllib.request.Request(  # noqa: S310 - the local LRS
        f"{lrs}/statements?{params}",
        headers={
            "X-Experience-API-Version": "1.0.3",
            "Authorization": "Basic "
            + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        body = json.load(response)
    return body.get("statements", [body] if "id" in body else [])


@pytest.fixture
def to_lrs(settings, lrs):
    settings.XAPI_LRS_URL = lrs
    settings.XAPI_LRS_USERNAME = USER
    settings.XAPI_LRS_PASSWORD = PASSWORD
    return lrs


@pytest.fixture
def lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="xapi", title="Statements")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(parent=section, slug="one", title="First steps")
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def person(lesson):
    user = learner(username="stated", email="stated@example.com")
    enrolled(user, lesson.course)
    return user


def quiz_event(person, lesson):
    return record_event(
        person,
        lesson,
        LearningEvent.Kind.QUIZ_SUBMITTED,
        block_id="quiz-1",
        payload={"attempt": 7, "passed": True},
        score_percent=85,
        verified=True,
    )


def test_a_statement_names_the_learner_by_pseudonym_not_e_mail(person, lesson):
    event = quiz_event(person, lesson)

    statement = xapi.statement_for("event", event.pk)

    assert statement["actor"]["account"] == {
        "homePage": django_settings.SITE_URL,
        "name": learner_id(person),
    }
    assert "stated@example.com" not in json.dumps(statement)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["object"]["id"].endswith(f"/lesson/{lesson.pk}/block/quiz-1")
    assert statement["result"] == {
        "score": {"scaled": 0.85},
        "completion": True,
        "success": True,
    }
    assert statement["id"] == xapi.statement_for("event", event.pk)["id"]


def test_a_site_may_choose_the_e_mail_address_as_the_actor(settings, person, lesson):
    settings.XAPI_ACTOR = "mbox"
    event = quiz_event(person, lesson)

    actor = xapi.statement_for("event", event.pk)["actor"]

    assert actor == {"objectType": "Agent", "mbox": "mailto:stated@example.com"}


def test_nothing_is_queued_without_a_record_store(person, lesson):
    from home.models import OutboxTask

    quiz_event(person, lesson)

    assert not OutboxTask.objects.filter(
        task_name="learners.tasks.send_xapi_statement_task"
    ).exists()


def test_the_lrs_receives_a_statement_once_even_after_a_retry(
    to_lrs, person, lesson, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = quiz_event(person, lesson)
    statement_id = xapi.statement_id("event", event.pk)

    # The answer to the first send was lost: the task runs again.
    again = send_xapi_statement_task.apply(args=["event", event.pk]).get()

    held = stored(to_lrs, statementId=statement_id)
    # The store answers "stored" (the same statement) or "conflict", and keeps one.
    assert again in (204, 409)
    assert len(held) == 1
    statement = held[0]
    assert statement["actor"]["account"]["name"] == learner_id(person)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["object"]["id"] == xapi.activity_id(
        "lesson", lesson.pk, "block", "quiz-1"
    )
    assert statement["result"]["score"]["scaled"] == 0.85
    assert statement["result"]["success"] is True


def test_a_statement_sent_during_an_outage_arrives_once_afterwards(
    settings, to_lrs, person, lesson
):
    event = quiz_event(person, lesson)
    settings.XAPI_LRS_URL = f"http://127.0.0.1:{free_port()}/xAPI"

    with pytest.raises(OSError):
        xapi.send_statement("event", event.pk)
    settings.XAPI_LRS_URL = to_lrs
    assert xapi.send_statement("event", event.pk) == 204

    assert len(stored(to_lrs, statementId=xapi.statement_id("event", event.pk))) == 1


def test_a_completed_lesson_becomes_a_completed_statement(
    to_lrs, person, lesson, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        progress = complete_lesson(person, lesson, manual=True)

    held = stored(to_lrs, statementId=xapi.statement_id("lesson", progress.pk))

    assert len(held) == 1
    assert held[0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert held[0]["object"]["id"] == xapi.activity_id("lesson", lesson.pk)
    assert held[0]["object"]["definition"]["name"] == {"en-US": "First steps"}
    assert held[0]["context"]["contextActivities"]["grouping"][0]["id"] == (
        xapi.activity_id("course", lesson.course.pk)
    )


def test_an_erased_learners_record_is_not_sent(person, lesson):
    event = quiz_event(person, lesson)
    LearningEvent.objects.filter(pk=event.pk).delete()

    assert xapi.statement_for("event", event.pk) is None


@pytest.mark.parametrize(
    ("kind", "payload", "score", "verb", "result"),
    [
        (
            LearningEvent.Kind.SCORM_RESULT,
            {"sco": "s1", "completed": True, "success": False},
            20,
            "failed",
            {"score": {"scaled": 0.2}, "completion": True, "success": False},
        ),
        (
            LearningEvent.Kind.H5P_STATEMENT,
            {"verb": "answered", "completion": True, "success": True},
            100,
            "answered",
            {"score": {"scaled": 1.0}, "completion": True, "success": True},
        ),
        (
            LearningEvent.Kind.VIDEO_PROGRESS,
            {"watched_seconds": 30, "percent": 50},
            None,
            "progressed",
            {"extensions": {"https://w3id.org/xapi/video/extensions/progress": 0.5}},
        ),
    ],
)
def test_each_kind_of_record_has_its_verb_and_result(
    person, lesson, kind, payload, score, verb, result
):
    event = record_event(
        person, lesson, kind, block_id="b1", payload=payload, score_percent=score
    )

    statement = xapi.statement_for("event", event.pk)

    assert statement["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{verb}"
    assert statement["result"] == result
    assert statement["context"]["contextActivities"]["parent"][0]["id"] == (
        xapi.activity_id("lesson", lesson.pk)
    )
