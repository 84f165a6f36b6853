"""LTI Advantage against the real platform peer: an instructor places
courses and lessons by deep linking, learners' results reach the
platform's gradebook (and are sent again after a failure), and the class
list enrols a whole class."""

import re
from urllib.parse import urlsplit

import pytest
import requests
from lti_tool.models import LtiUser
from pylti1p3.exception import LtiServiceException

from learners.models import Enrollment
from learners.services import complete_lesson, quizzes
from lti.models import Placement, ScoreReport
from lti.protocol import service_connector
from lti.services.grades import send_score
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_course
from tests.learners.assessment_data import quiz_block
from tests.lessons.factories import LessonPageFactory

from .conftest import launch_through, learner_member
from .platform_peer import INSTRUCTOR, Member

pytestmark = pytest.mark.django_db

RESULT_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
TEACHER = Member(user_id="teacher-1", roles=[INSTRUCTOR], name="Dr Ada")


@pytest.fixture
def course(catalogue):
    return build_course(catalogue, sections=1, lessons_per_section=2, title="Cells")


@pytest.fixture
def quiz_lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="geo", title="Geography")
    section = SectionPageFactory(parent=course, slug="capitals")
    return LessonPageFactory(
        parent=section, slug="quiz", title="Capitals", body=[quiz_block()]
    )


def test_an_instructor_deep_links_a_course_and_a_lesson_into_the_platform(
    client, peer, course
):
    lesson = course.syllabus.lessons[1]
    response, _form = launch_through(client, peer, TEACHER, deep_link=True)
    assert response.url == "/lti/deep-link/"

    picker = client.get("/lti/deep-link/")
    assert picker.status_code == 200
    assert b"Cells" in picker.content and lesson.title.encode() in picker.content

    answer = client.post("/lti/deep-link/", {"page": [course.pk, lesson.pk]})
    assert answer.status_code == 200
    assert re.search(f"form-action [^;]*{peer.base}", answer["Content-Security-Policy"])
    token = re.search(rb'name="JWT" value="([^"]+)"', answer.content).group(1).decode()

    # The platform checks the answer's signature against the tool's keys.
    added = requests.post(peer.url("/deep-link-return"), data={"JWT": token}, timeout=5)
    assert added.status_code == 200
    (items,) = peer.deep_links
    assert [item["title"] for item in items] == ["Cells", lesson.title]
    assert all(item["type"] == "ltiResourceLink" for item in items)
    assert items[1]["custom"] == {"page_id": str(lesson.pk)}
    assert items[1]["lineItem"]["scoreMaximum"] == 100

    # A learner launching the placed lesson lands on it.
    client.logout()
    launched, _form = launch_through(
        client,
        peer,
        learner_member(),
        target=items[1]["url"],
        custom=items[1]["custom"],
    )
    assert launched.url == lesson.url


def test_a_learner_cannot_open_the_content_picker(client, peer, course):
    response, _form = launch_through(client, peer, learner_member(), deep_link=True)

    assert response.status_code == 403
    assert b"Only instructors" in response.content


def test_completing_a_placed_lesson_sends_full_marks_to_the_gradebook(
    client, peer, course, django_capture_on_commit_callbacks
):
    lesson = course.syllabus.lessons[0]
    with django_capture_on_commit_callbacks(execute=True):
        launch_through(
            client,
            peer,
            learner_member(),
            custom={"page_id": str(lesson.pk)},
            resource_link_id="link-lesson-1",
        )
    user = LtiUser.objects.get(sub="student-1").auth_user
    (column,) = peer.lineitems.values()
    assert column["resourceLinkId"] == "link-lesson-1"
    assert column["resourceId"] == str(lesson.pk)
    started = peer.scores_for(column["id"])
    assert [s["activityProgress"] for s in started] == ["Started"]

    with django_capture_on_commit_callbacks(execute=True):
        complete_lesson(user, lesson, manual=True)

    latest = peer.scores_for(column["id"])[-1]
    assert latest["userId"] == "student-1"
    assert latest["scoreGiven"] == 100 and latest["scoreMaximum"] == 100
    assert latest["activityProgress"] == "Completed"
    assert latest["gradingProgress"] == "FullyGraded"
    report = ScoreReport.objects.get(user=user)
    assert report.state == ScoreReport.State.SENT
    assert Placement.objects.get().lineitem_url == column["id"]
    # The platform's gradebook shows it (its AGS results service).
    results = service_connector(peer.db_registration).make_service_request(
        [RESULT_SCOPE],
        column["id"] + "/results",
        accept="application/vnd.ims.lis.v2.resultcontainer+json",
    )["body"]
    assert [(r["userId"], r["resultScore"]) for r in results] == [("student-1", 100)]


def test_a_quiz_score_goes_to_the_gradebook_even_when_it_fails(
    client, peer, quiz_lesson, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        launch_through(
            client, peer, learner_member(), custom={"page_id": str(quiz_lesson.pk)}
        )
    user = LtiUser.objects.get(sub="student-1").auth_user

    with django_capture_on_commit_callbacks(execute=True):
        attempt = quizzes.start_attempt(user, quiz_lesson, "quiz1")
        quizzes.submit_attempt(user, attempt.pk, {"q-france": ["o-paris"]})

    (column,) = peer.lineitems.values()
    latest = peer.scores_for(column["id"])[-1]
    assert latest["scoreGiven"] == 50
    assert latest["gradingProgress"] == "FullyGraded"


def test_a_result_the_platform_could_not_take_is_sent_again_later(
    client, peer, course, django_capture_on_commit_callbacks
):
    lesson = course.syllabus.lessons[0]
    with django_capture_on_commit_callbacks(execute=True):
        launch_through(
            client, peer, learner_member(), custom={"page_id": str(lesson.pk)}
        )
    user = LtiUser.objects.get(sub="student-1").auth_user
    report = ScoreReport.objects.get(user=user)
    (column_id,) = peer.lineitems
    peer.lineitems.pop(column_id)  # the platform loses the column for a while
    Placement.objects.update(lineitem_url=peer.url(f"/lineitems/{column_id}"))
    ScoreReport.objects.filter(pk=report.pk).update(state=ScoreReport.State.PENDING)

    with pytest.raises(LtiServiceException):
        send_score(report.pk)
    report.refresh_from_db()
    assert report.state == ScoreReport.State.FAILED
    assert report.attempts == 2 and "404" in report.last_error

    peer.lineitems[column_id] = {"id": peer.url(f"/lineitems/{column_id}")}
    send_score(report.pk)
    report.refresh_from_db()
    assert report.state == ScoreReport.State.SENT


def test_an_instructor_enrols_the_whole_class_from_the_platform(client, peer, course):
    peer.members = [
        TEACHER,
        learner_member(1, email="a@school.example"),
        learner_member(2),
        learner_member(3, status="Inactive"),
    ]
    response, _form = launch_through(
        client, peer, TEACHER, custom={"page_id": str(course.pk)}
    )
    page = client.get(response.url)
    assert b"Enrol my whole class now" in page.content

    synced = client.post(urlsplit(response.url).path, {"next": course.url})

    assert synced.status_code == 200
    assert b"Read 3 members; 2 newly enrolled." in synced.content
    # The teacher's own launch enrolled them, to see what the class sees.
    enrolled = Enrollment.objects.filter(course=course, source=Enrollment.Source.LTI)
    assert sorted(e.user.lti_users.get().sub for e in enrolled) == [
        "student-1",
        "student-2",
        "teacher-1",
    ]
    # Running it again changes nothing.
    again = client.post(urlsplit(response.url).path)
    assert b"0 newly enrolled" in again.content
    assert Enrollment.objects.filter(course=course).count() == 3


def test_the_class_page_is_for_instructors_only(client, peer, course):
    launch_through(client, peer, learner_member(), custom={"page_id": str(course.pk)})

    response = client.get("/lti/context/")

    assert response.status_code == 403
