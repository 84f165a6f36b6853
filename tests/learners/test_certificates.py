"""Certificates: issued once on completion, a real PDF, publicly verifiable."""

import io

import pytest
from django.test import TestCase
from pypdf import PdfReader

from learners import services
from learners.models import (
    Certificate,
    Enrollment,
    Notification,
    NotificationPreference,
    SentEmail,
)
from learners.services.certificates import issue_certificate, revoke_certificate
from learners.tasks import issue_certificate_task, send_learner_email_task
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    teacher = UserFactory(username="prof", first_name="Wangari", last_name="Maathai")
    course = CoursePageFactory(
        parent=catalogue, slug="trees", title="Planting Trees", instructor=teacher
    )
    section = SectionPageFactory(parent=course, slug="s")
    LessonPageFactory(parent=section, slug="soil")
    LessonPageFactory(parent=section, slug="seeds")
    return course


@pytest.fixture
def graduate(course):
    user = learner(username="grad", first_name="Amina", last_name="Diallo")
    enrolled(user, course)
    return user


def finish(user, course):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for lesson in course.syllabus.lessons:
            services.complete_lesson(user, lesson)


def test_completing_the_course_issues_one_certificate_and_one_email(
    course, graduate, mailoutbox
):
    finish(graduate, course)

    certificate = Certificate.objects.get()
    assert certificate.enrollment.user == graduate
    assert certificate.learner_name == "Amina Diallo"
    subjects = [m.subject for m in mailoutbox]
    assert subjects.count("Your certificate for Planting Trees") == 1


def test_the_pdf_names_the_learner_the_course_and_the_code(course, graduate):
    finish(graduate, course)
    certificate = Certificate.objects.get()

    with certificate.pdf.open("rb") as handle:
        text = " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages
        )

    assert "Amina Diallo" in text
    assert "Planting Trees" in text
    assert certificate.verification_code in text


def test_issuing_twice_or_a_repeated_task_leaves_one_certificate_and_one_email(
    course, graduate, mailoutbox
):
    finish(graduate, course)
    enrollment = Enrollment.objects.get(user=graduate)
    first = Certificate.objects.get()

    assert issue_certificate(enrollment.pk) == first
    issue_certificate_task.apply(args=[enrollment.pk])
    send_learner_email_task.apply(args=["course_completed", graduate.pk, first.pk])

    assert Certificate.objects.count() == 1
    assert SentEmail.objects.filter(kind="course_completed").count() == 1
    assert len([m for m in mailoutbox if "certificate" in m.subject]) == 1


def test_no_certificate_before_the_course_is_completed(course, graduate):
    enrollment = Enrollment.objects.get(user=graduate)

    assert issue_certificate(enrollment.pk) is None
    assert not Certificate.objects.exists()


def test_a_learner_who_opted_out_gets_no_email_but_a_notification(
    course, graduate, mailoutbox
):
    NotificationPreference.objects.create(
        user=graduate, topic="certificates", channel="app"
    )

    finish(graduate, course)

    assert Certificate.objects.exists()
    assert not [m for m in mailoutbox if "certificate" in m.subject]
    notification = Notification.objects.get(user=graduate, kind="course_completed")
    assert notification.title.startswith("Your certificate for")


def test_verification_shows_valid_revoked_and_unknown(client, course, graduate):
    finish(graduate, course)
    certificate = Certificate.objects.get()
    url = f"/certificates/verify/{certificate.verification_code}/"

    valid = client.get(url)
    assert valid.status_code == 200
    html = valid.content.decode()
    assert (
        "Valid certificate" in html
        and "Amina Diallo" in html
        and "Planting Trees" in html
    )
    assert 'content="noindex, nofollow"' in html
    assert graduate.email not in html

    revoke_certificate(certificate, "Issued by mistake")
    revoked = client.get(url).content.decode()
    assert "This certificate has been revoked." in revoked
    assert "Issued by mistake" not in revoked and "Amina Diallo" not in revoked

    unknown = client.get("/certificates/verify/AAAA-BBBB-CCCC/")
    assert unknown.status_code == 404
    assert "No certificate has the code" in unknown.content.decode()


def test_the_verification_form_takes_a_typed_code(client, course, graduate):
    finish(graduate, course)
    code = Certificate.objects.get().verification_code

    response = client.get("/certificates/verify/", {"code": f"  {code.lower()} "})

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


@pytest.mark.usefixtures("still_clock")
def test_verification_look_ups_are_rate_limited(client, site):
    statuses = [
        client.get("/certificates/verify/AAAA-BBBB-CCCC/").status_code
        for _ in range(35)
    ]

    limited = client.get("/certificates/verify/AAAA-BBBB-CCCC/")

    assert statuses[0] == 404
    assert statuses[-1] == 429 and limited["Retry-After"] == "60"


def test_only_the_owner_downloads_the_pdf(client, course, graduate):
    finish(graduate, course)
    certificate = Certificate.objects.get()
    url = f"/certificates/{certificate.pk}/download/"

    client.force_login(graduate)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(learner(username="someone-else"))
    assert client.get(url).status_code == 404


def test_the_dashboard_lists_my_certificates(client, course, graduate):
    finish(graduate, course)
    client.force_login(graduate)

    html = client.get("/dashboard/").content.decode()

    assert (
        "My certificates" in html
        and Certificate.objects.get().verification_code in html
    )


def test_staff_revoke_and_regenerate_from_the_admin(client, course, graduate):
    finish(graduate, course)
    certificate = Certificate.objects.get()
    old_pdf = certificate.pdf.name
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    client.post(f"/admin/learning/certificates/{certificate.pk}/", {"regenerate": ""})
    client.post(
        f"/admin/learning/certificates/{certificate.pk}/",
        {"revoke": "", "reason": "Fraud"},
    )

    certificate.refresh_from_db()
    assert certificate.pdf.name != old_pdf
    assert not certificate.is_valid and certificate.revoked_reason == "Fraud"
    client.force_login(graduate)
    assert (
        client.get(f"/admin/learning/certificates/{certificate.pk}/").status_code != 200
    )


def test_the_courses_certificate_template_shapes_the_pdf(course, graduate):
    from courses.models import CertificateTemplate

    course.certificate_template = CertificateTemplate.objects.create(
        name="Guild",
        accent_colour="#2d6a4f",
        custom_text="Accredited by the Tree Guild",
    )
    course.save_revision().publish()
    finish(graduate, course)

    certificate = Certificate.objects.get()
    with certificate.pdf.open("rb") as handle:
        text = " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages
        )

    assert "Accredited by the Tree Guild" in text


def test_a_certificate_never_shows_the_email_and_takes_the_name_once_given(
    client, course
):
    from pypdf import PdfReader

    nameless = learner(
        username="anon", email="anon.person@example.com", first_name="", last_name=""
    )
    enrolled(nameless, course)
    finish(nameless, course)
    certificate = Certificate.objects.get(enrollment__user=nameless)
    client.force_login(nameless)

    verify = client.get(f"/certificates/verify/{certificate.verification_code}/")
    page = client.get(course.url).content.decode()
    client.post(
        "/accounts/profile/",
        {"display_name": "Noor Haddad", "time_zone": "UTC"},
    )
    certificate.refresh_from_db()

    assert "anon.person@example.com" not in verify.content.decode()
    assert certificate.learner_name == "Noor Haddad"
    assert "Add your name to your profile" in page
    with certificate.pdf.open("rb") as pdf:
        assert "Noor Haddad" in PdfReader(pdf).pages[0].extract_text()


@pytest.mark.usefixtures("still_clock")
def test_behind_a_proxy_each_client_has_its_own_look_up_limit(client, settings, site):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url = "/certificates/verify/AAAA-BBBB-CCCC/"

    for _ in range(35):
        client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.9")
    same = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert same.status_code == 429
    assert other.status_code == 404
