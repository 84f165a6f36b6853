"""LTI 1.3 launches from a real platform (lti1p3platform): a learner is
signed in as a linked account, enrolled and sent to the launched lesson;
what does not check out is refused with a page that says why."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from lti_tool.models import LtiUser

from learners.models import Enrollment
from lti.models import PlatformTerms
from tests.courses.factories import build_course
from tests.learners.factories import learner

from .conftest import launch_through, learner_member
from .platform_peer import DEPLOYMENT_CLAIM, INSTRUCTOR, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return build_course(catalogue, sections=1, lessons_per_section=2, title="Cells")


def first_lesson(course):
    return course.syllabus.lessons[0]


def test_a_learner_launch_makes_a_linked_account_enrols_it_and_opens_the_lesson(
    client, peer, course
):
    lesson = first_lesson(course)
    member = learner_member(email="sam@school.example", name="Sam Okafor")

    response, _form = launch_through(
        client, peer, member, custom={"page_id": str(lesson.pk)}
    )

    assert response.status_code == 302
    assert response.url == lesson.url
    lti_user = LtiUser.objects.get(sub="student-1")
    user = lti_user.auth_user
    assert user is not None and not user.has_usable_password()
    assert user.email == "sam@school.example"
    assert not EmailAddress.objects.get(user=user).verified
    enrollment = Enrollment.objects.get(user=user, course=course)
    assert enrollment.source == Enrollment.Source.LTI
    assert client.get(lesson.url).status_code == 200

    # The next launch signs into the same account.
    client.logout()
    launch_through(client, peer, member, custom={"page_id": str(lesson.pk)})
    assert LtiUser.objects.get(sub="student-1").auth_user == user
    assert get_user_model().objects.filter(username__startswith="lti-").count() == 1


def test_a_launched_session_may_be_framed_by_its_platform_only(client, peer, course):
    lesson = first_lesson(course)
    launch_through(client, peer, learner_member(), custom={"page_id": str(lesson.pk)})

    page = client.get(lesson.url)

    assert "X-Frame-Options" not in page
    assert f"frame-ancestors 'self' {peer.base}" in page["Content-Security-Policy"]
    ordinary = client.__class__()
    assert ordinary.get("/courses/")["X-Frame-Options"] == "SAMEORIGIN"


def test_an_email_claim_never_signs_into_an_existing_account(client, peer, course):
    owner = learner(email="owner@school.example")

    launch_through(
        client,
        peer,
        learner_member(email="owner@school.example"),
        custom={"page_id": str(course.pk)},
    )

    linked = LtiUser.objects.get(sub="student-1").auth_user
    assert linked != owner
    assert linked.email == ""
    assert int(client.session["_auth_user_id"]) == linked.pk
    assert not Enrollment.objects.filter(user=owner).exists()


def test_an_instructor_launch_lands_on_the_class_page_and_authors_only_if_allowed(
    client, peer, course
):
    teacher = Member(user_id="teacher-1", roles=[INSTRUCTOR], name="Dr Ada")

    response, _form = launch_through(
        client, peer, teacher, custom={"page_id": str(course.pk)}
    )

    assert response.status_code == 302
    assert response.url.startswith("/lti/context/")
    page = client.get(response.url)
    assert b"Biology 101" in page.content
    user = LtiUser.objects.get(sub="teacher-1").auth_user
    assert not user.groups.filter(name="Instructors").exists()

    PlatformTerms.objects.create(
        registration=peer.db_registration, instructors_may_author=True
    )
    launch_through(client, peer, teacher, custom={"page_id": str(course.pk)})
    assert user.groups.filter(name="Instructors").exists()


def refused(response, words):
    assert response.status_code in (400, 403, 404)
    assert words in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_replayed_launch_is_refused(client, peer, course):
    first, form = launch_through(
        client, peer, learner_member(), custom={"page_id": str(course.pk)}
    )
    assert first.status_code == 302
    client.logout()

    again = client.post("/lti/launch/", form)

    refused(again, "already used")


def test_a_launch_for_another_audience_is_refused(client, peer, course):
    response, _form = launch_through(
        client,
        peer,
        learner_member(),
        custom={"page_id": str(course.pk)},
        extra_claims={"aud": "another-tool", "azp": "another-tool"},
    )

    refused(response, "not registered here, or the launch was meant for another tool")
    assert not Enrollment.objects.exists()


def test_an_expired_launch_is_refused(client, peer, course):
    response, _form = launch_through(
        client,
        peer,
        learner_member(),
        custom={"page_id": str(course.pk)},
        expires_in=-60,
    )

    refused(response, "expired")
    assert not Enrollment.objects.exists()


def test_a_launch_from_an_unknown_deployment_is_refused_and_shown_to_staff(
    client, peer, course
):
    response, _form = launch_through(
        client,
        peer,
        learner_member(),
        custom={"page_id": str(course.pk)},
        extra_claims={DEPLOYMENT_CLAIM: "deployment-unknown"},
    )

    refused(response, "deployment of the tool is not registered here")
    assert not Enrollment.objects.exists()
    waiting = peer.db_registration.deployments.get(deployment_id="deployment-unknown")
    assert not waiting.is_active


def test_a_launch_signed_with_another_key_is_refused(client, peer, course):
    from .platform_peer import _rsa_pair

    peer.registration.set_platform_private_key(_rsa_pair()[0])

    response, _form = launch_through(
        client, peer, learner_member(), custom={"page_id": str(course.pk)}
    )

    refused(response, "signed")


def test_a_launch_naming_no_page_of_ours_says_so(client, peer, course):
    response, _form = launch_through(client, peer, learner_member())

    refused(response, "does not name a course or lesson")


def test_login_initiation_without_a_platform_is_a_clear_400(client, db):
    response = client.get("/lti/login/")

    assert response.status_code == 400
    assert b"open the tool from your course" in response.content


def test_the_first_step_may_be_framed_by_the_registered_platform_only(client, peer):
    known = client.get("/lti/login/", {"iss": peer.issuer, "login_hint": "7"})
    unknown = client.get(
        "/lti/login/", {"iss": "https://other.example", "login_hint": "7"}
    )

    assert known.status_code == 200
    assert "X-Frame-Options" not in known
    assert f"frame-ancestors 'self' {peer.base}" in known["Content-Security-Policy"]
    assert unknown.status_code == 400
    assert b"not registered here" in unknown.content
    # The refusal shows inside whatever frame it lands in.
    assert "frame-ancestors 'self' *" in unknown["Content-Security-Policy"]
