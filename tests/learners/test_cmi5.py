"""A cmi5 course in a lesson: a launch hands the unit its parameters and a
one-time credential, the platform is the record store for the session and
holds every statement to the cmi5 rules, and the lesson completes when each
unit's moveOn is met, as the platform judged it."""

import copy
import json
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings

from home.models import OutboxTask
from learners.models import (
    Cmi5Registration,
    Cmi5Session,
    Cmi5Statement,
    Enrollment,
    LessonProgress,
)
from lessons.models import Cmi5Package
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.cmi5_packages import cmi5_zip
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

COURSE = "https://example.com/courses/safety/"
ADL = "http://adlnet.gov/expapi/verbs/"
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"


@pytest.fixture
def lesson_with(catalogue, django_capture_on_commit_callbacks):
    def build(units=(("intro", "Completed", None),)):
        with django_capture_on_commit_callbacks(execute=True):
            package = Cmi5Package(file=ContentFile(cmi5_zip(units=units), name="c.zip"))
            package.read_upload()
            package.save()
        course = CoursePageFactory(parent=catalogue, slug="c5", title="cmi5")
        section = SectionPageFactory(parent=course, slug="s")
        lesson = LessonPageFactory(
            parent=section,
            slug="course",
            title="Course",
            body=[{"type": "cmi5", "id": "c1", "value": {"package": package.pk}}],
        )
        lesson.save_revision().publish()
        return lesson

    return build


@pytest.fixture
def member(client):
    def join(lesson):
        user = learner(username="unit-learner")
        enrolled(user, lesson.course)
        client.force_login(user)
        return user

    return join


class Unit:
    """An assignable unit talking to the store as the client library does."""

    def __init__(self, launch_url):
        query = parse_qs(urlsplit(launch_url).query)
        self.params = {name: values[0] for name, values in query.items()}
        self.actor = json.loads(self.params["actor"])
        self.store = Client()
        answer = self.store.post(urlsplit(self.params["fetch"]).path).json()
        self.headers = {
            "HTTP_AUTHORIZATION": f"Basic {answer['auth-token']}",
            "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3",
        }
        self.launch_data = self.state_get("LMS.LaunchData").json()

    def state_get(self, state_id):
        return self.store.get(
            "/xapi/cmi5/activities/state", self.where(state_id), **self.headers
        )

    def where(self, state_id):
        return {
            "activityId": self.params["activityId"],
            "agent": json.dumps(self.actor),
            "registration": self.params["registration"],
            "stateId": state_id,
        }

    def statement(self, verb, result=None, defined=True, **changes):
        context = copy.deepcopy(self.launch_data["contextTemplate"])
        context["registration"] = self.params["registration"]
        if defined:
            context.setdefault("contextActivities", {})["category"] = [
                {"id": CMI5_CATEGORY}
            ]
        statement = {
            "id": str(uuid.uuid4()),
            "actor": self.actor,
            "verb": {"id": ADL + verb},
            "object": {"objectType": "Activity", "id": self.params["activityId"]},
            "context": context,
            "timestamp": "2026-12-03T10:00:00Z",
        }
        if result is not None:
            statement["result"] = result
        statement.update(changes)
        return statement

    def send(self, statement):
        return self.store.post(
            "/xapi/cmi5/statements",
            json.dumps(statement),
            content_type="application/json",
            **self.headers,
        )

    def say(self, verb, result=None):
        return self.send(self.statement(verb, result)).status_code


def launch(client, lesson, unit="intro"):
    response = client.post(f"{lesson.url}cmi5/c1/launch/", {"au": COURSE + unit})
    assert response.status_code == 303, response.content
    return Unit(response["Location"])


# Launching ---------------------------------------------------------------------


def test_a_launch_gives_the_unit_its_parameters_and_launch_data(
    client, lesson_with, member
):
    lesson = lesson_with(units=(("intro", "Passed", 0.75),))
    member(lesson)

    response = client.post(f"{lesson.url}cmi5/c1/launch/", {"au": COURSE + "intro"})
    unit = Unit(response["Location"])

    path = urlsplit(response["Location"]).path
    assert path.startswith("/cmi5/") and path.endswith("/intro/index.html")
    assert unit.params["endpoint"] == "http://testserver/xapi/cmi5/"
    assert unit.params["activityId"] != COURSE + "intro"  # the platform's own id
    assert "@" not in unit.params["actor"]  # a pseudonymous account
    registration = Cmi5Registration.objects.get()
    assert unit.params["registration"] == str(registration.pk)
    data = unit.launch_data
    session = Cmi5Session.objects.get()
    assert data["contextTemplate"]["extensions"] == {
        "https://w3id.org/xapi/cmi5/context/extensions/sessionid": str(session.pk)
    }
    assert data["contextTemplate"]["contextActivities"]["grouping"] == [
        {"objectType": "Activity", "id": COURSE + "intro"}
    ]
    assert (data["launchMode"], data["moveOn"], data["masteryScore"]) == (
        "Normal",
        "Passed",
        0.75,
    )
    assert data["returnURL"].endswith(f"{lesson.url}cmi5/c1/done/")
    launched = Cmi5Statement.objects.get(verb=ADL + "launched")
    assert launched.statement["context"]["registration"] == str(registration.pk)


def test_a_launch_is_a_post_and_the_page_view_writes_nothing(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)

    html = client.get(lesson.url).content.decode()

    assert 'action="' + lesson.url + 'cmi5/c1/launch/"' in html
    assert 'target="cmi5-c1"' in html and 'sandbox="allow-scripts' in html
    assert "allow-same-origin" not in html
    assert not Cmi5Session.objects.exists()
    assert client.get(f"{lesson.url}cmi5/c1/launch/").status_code == 405


def test_the_fetch_url_gives_the_credential_once(client, lesson_with, member):
    lesson = lesson_with()
    member(lesson)
    response = client.post(f"{lesson.url}cmi5/c1/launch/", {"au": COURSE + "intro"})
    fetch = urlsplit(parse_qs(urlsplit(response["Location"]).query)["fetch"][0]).path

    first = Client().post(fetch)
    second = Client().post(fetch)

    assert "auth-token" in first.json()
    assert second.status_code == 200 and second.json()["error-code"] == "1"
    assert (
        Client()
        .post(fetch.replace(fetch.split("/")[-2], "forged"))
        .json()["error-code"]
        == "2"
    )


def test_the_store_needs_the_session_credential(client, lesson_with, member):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    store = Client()

    anonymous = store.post(
        "/xapi/cmi5/statements", "{}", content_type="application/json"
    )
    forged = store.get("/xapi/cmi5/about", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    preflight = store.options("/xapi/cmi5/statements")

    assert anonymous.status_code == 401 and forged.status_code == 401
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    assert unit.store.get("/xapi/cmi5/about", **unit.headers).json() == {
        "version": ["1.0.3"]
    }


# The rules -------------------------------------------------------------------------


def test_completing_the_unit_completes_the_lesson(client, lesson_with, member):
    lesson = lesson_with()
    user = member(lesson)
    unit = launch(client, lesson)

    assert unit.say("initialized") == 200
    assert unit.say("completed", {"completion": True, "duration": "PT30S"}) == 200
    assert unit.say("terminated") == 200

    registration = Cmi5Registration.objects.get()
    assert registration.satisfied
    assert LessonProgress.objects.get(enrollment__user=user, lesson=lesson).is_completed
    satisfied = Cmi5Statement.objects.get(
        verb="https://w3id.org/xapi/adl/verbs/satisfied"
    )
    assert satisfied.statement["object"]["definition"]["type"].endswith("/course")


def test_completed_and_passed_needs_both_and_the_mastery_score(
    client, lesson_with, member
):
    lesson = lesson_with(units=(("intro", "CompletedAndPassed", 0.8),))
    member(lesson)
    unit = launch(client, lesson)
    unit.say("initialized")
    unit.say("completed", {"completion": True})

    low = unit.say("passed", {"success": True, "score": {"scaled": 0.5}})
    assert low == 403
    assert not Cmi5Registration.objects.get().satisfied

    assert unit.say("passed", {"success": True, "score": {"scaled": 0.85}}) == 200
    registration = Cmi5Registration.objects.get()
    assert registration.satisfied
    assert registration.results[COURSE + "intro"]["score"] == 85


@pytest.mark.parametrize(
    ("first", "then", "status"),
    [
        (None, ("completed", {"completion": True}), 403),  # before initialized
        (("initialized", None), ("initialized", None), 403),  # twice a session
        (("initialized", None), ("failed", {"success": True}), 403),  # wrong success
        (("terminated", None), ("experienced", None), 403),  # after terminated
    ],
)
def test_statements_out_of_order_are_refused(
    client, lesson_with, member, first, then, status
):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    if first:
        if first[0] == "terminated":
            unit.say("initialized")
        unit.say(*first)

    assert unit.say(*then) == status
    assert not Cmi5Registration.objects.get().satisfied


def test_completed_once_per_registration_and_no_failed_after_passed(
    client, lesson_with, member
):
    lesson = lesson_with(units=(("intro", "CompletedOrPassed", None),))
    member(lesson)
    unit = launch(client, lesson)
    unit.say("initialized")
    unit.say("completed", {"completion": True})
    unit.say("passed", {"success": True})
    unit.say("terminated")

    again = launch(client, lesson)
    again.say("initialized")

    assert again.say("completed", {"completion": True}) == 403
    assert again.say("failed", {"success": False}) == 403
    allowed = again.statement("progressed", defined=False)  # cmi5-allowed
    assert again.send(allowed).status_code == 200
    assert again.say("progressed") == 403  # not a verb a unit may send as cmi5


def test_a_statement_of_someone_else_or_another_registration_is_refused(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    unit.say("initialized")
    other = {"objectType": "Agent", "account": {"homePage": "x", "name": "y"}}
    wrong_registration = unit.statement("experienced", defined=False)
    wrong_registration["context"]["registration"] = str(uuid.uuid4())

    assert unit.send(unit.statement("experienced", actor=other)).status_code == 403
    assert unit.send(wrong_registration).status_code == 403
    voiding = unit.statement("voided", defined=False)
    assert unit.send(voiding).status_code == 403


def test_a_statement_sent_twice_is_kept_once_and_a_changed_one_conflicts(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    statement = unit.statement("initialized")
    url = f"/xapi/cmi5/statements?statementId={statement['id']}"

    first = unit.store.put(
        url, json.dumps(statement), content_type="application/json", **unit.headers
    )
    again = unit.store.put(
        url, json.dumps(statement), content_type="application/json", **unit.headers
    )
    statement["timestamp"] = "2026-12-03T11:00:00Z"
    changed = unit.store.put(
        url, json.dumps(statement), content_type="application/json", **unit.headers
    )

    assert (first.status_code, again.status_code, changed.status_code) == (
        204,
        204,
        409,
    )
    assert Cmi5Statement.objects.filter(pk=statement["id"]).count() == 1


def test_a_new_launch_abandons_the_open_session(client, lesson_with, member):
    lesson = lesson_with()
    member(lesson)
    first = launch(client, lesson)
    first.say("initialized")

    second = launch(client, lesson)

    assert (
        Cmi5Statement.objects.filter(
            verb="https://w3id.org/xapi/adl/verbs/abandoned"
        ).count()
        == 1
    )
    assert first.say("completed", {"completion": True}) == 403
    assert second.say("initialized") == 200


def test_staff_try_the_course_in_browse_mode_and_nothing_counts(
    client, lesson_with, admin_user
):
    lesson = lesson_with()
    client.force_login(admin_user)
    unit = launch(client, lesson)

    assert unit.launch_data["launchMode"] == "Browse"
    assert unit.say("initialized") == 200
    assert unit.say("completed", {"completion": True}) == 403
    assert not Cmi5Registration.objects.exists()


def test_a_visitor_or_an_outsider_cannot_launch(client, lesson_with):
    lesson = lesson_with()
    url = f"{lesson.url}cmi5/c1/launch/"

    assert client.post(url, {"au": COURSE + "intro"}).status_code == 302  # log in
    client.force_login(learner(username="outsider"))
    assert client.post(url, {"au": COURSE + "intro"}).status_code == 403
    assert not Cmi5Session.objects.exists()


# State documents -----------------------------------------------------------------


def test_a_unit_keeps_its_own_state_and_cannot_change_the_launch_data(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    url = "/xapi/cmi5/activities/state?" + urlencode(unit.where("bookmark"))

    put = unit.store.put(
        url, '{"page": 3}', content_type="application/json", **unit.headers
    )
    merged = unit.store.post(
        url, '{"seen": true}', content_type="application/json", **unit.headers
    )
    read = unit.state_get("bookmark")
    launch_url = url.replace("bookmark", "LMS.LaunchData")
    overwrite = unit.store.put(
        launch_url, "{}", content_type="application/json", **unit.headers
    )

    assert (put.status_code, merged.status_code) == (204, 204)
    assert read.json() == {"page": 3, "seen": True}
    assert overwrite.status_code == 403
    assert unit.state_get("missing").status_code == 404


@override_settings(XAPI_LRS_URL="http://127.0.0.1:9/xapi")
def test_statements_of_a_learner_are_queued_for_the_external_store(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    unit.say("initialized")

    queued = OutboxTask.objects.filter(
        task_name="learners.tasks.send_xapi_statement_task"
    )
    assert {task.args[0] for task in queued} == {"cmi5"}
    assert queued.count() == Cmi5Statement.objects.count() == 2  # launched, initialized


def test_the_store_closes_when_the_enrolment_ends(client, lesson_with, member):
    lesson = lesson_with()
    user = member(lesson)
    unit = launch(client, lesson)
    assert unit.say("initialized") == 200

    Enrollment.objects.filter(user=user).update(status=Enrollment.Status.CANCELLED)

    response = unit.send(unit.statement("completed", {"completion": True}))
    assert response.status_code == 403
    assert response.json()["error"] == "You may no longer open this lesson."
    assert response["Access-Control-Allow-Origin"] == "*"


def test_preferences_and_other_learners_data_are_refused_with_a_clear_4xx(
    client, lesson_with, member
):
    lesson = lesson_with()
    member(lesson)
    unit = launch(client, lesson)
    profile = "/xapi/cmi5/agents/profile?" + urlencode(
        {"agent": json.dumps(unit.actor), "profileId": "cmi5LearnerPreferences"}
    )
    someone = {"objectType": "Agent", "account": {"homePage": "x", "name": "y"}}
    their_state = "/xapi/cmi5/activities/state?" + urlencode(
        {**unit.where("bookmark"), "agent": json.dumps(someone)}
    )

    assert unit.store.get(profile, **unit.headers).status_code == 404
    assert (
        unit.store.put(profile, "{}", content_type="application/json", **unit.headers)
    ).status_code == 403
    assert unit.store.get(their_state, **unit.headers).status_code == 403
    assert (
        unit.store.get(
            f"/xapi/cmi5/statements?statementId={uuid.uuid4()}", **unit.headers
        ).status_code
        == 404
    )
    assert (
        unit.store.get("/xapi/cmi5/statements?statementId=nope", **unit.headers)
    ).status_code == 400
    broken = unit.store.post(
        "/xapi/cmi5/statements",
        "{not json",
        content_type="application/json",
        **unit.headers,
    )
    assert broken.status_code == 400


def test_a_finished_unit_opens_again_in_review_mode(client, lesson_with, member):
    lesson = lesson_with()
    member(lesson)
    first = launch(client, lesson)
    first.say("initialized")
    first.say("completed", {"completion": True})
    first.say("terminated")

    again = launch(client, lesson)

    assert again.launch_data["launchMode"] == "Review"
    assert again.say("initialized") == 200
    assert again.say("completed", {"completion": True}) == 403
    assert Cmi5Registration.objects.get().satisfied


def test_units_with_nothing_to_meet_are_satisfied_at_the_first_launch(
    client, lesson_with, member
):
    lesson = lesson_with(units=(("intro", "NotApplicable", None),))
    user = member(lesson)

    launch(client, lesson)

    assert Cmi5Registration.objects.get().satisfied
    assert LessonProgress.objects.get(enrollment__user=user, lesson=lesson).is_completed
    assert launch(client, lesson).launch_data["launchMode"] == "Normal"
