"""Programmes from the learner's side: joining enrols in each course once,
progress is read across the courses, and the last course completed brings
one programme certificate that anyone can check."""

import io

import pytest
from django.test import TestCase
from pypdf import PdfReader

from learners import services
from learners.models import Enrollment, ProgrammeCertificate, ProgrammeEnrollment
from learners.services.programmes import join_programme
from tests.courses.factories import build_course, build_programme
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    first = build_course(
        catalogue, sections=1, lessons_per_section=2, slug="html", title="HTML"
    )
    second = build_course(
        catalogue, sections=1, lessons_per_section=1, slug="css", title="CSS"
    )
    # The second course builds on the first: inside the programme that is
    # its order, not a reason to refuse.
    second.required_courses.add(first)
    second.save_revision().publish()
    return [first, second]


@pytest.fixture
def programme(catalogue, courses):
    return build_programme(
        catalogue, courses, slug="web", title="Web Foundations", pricing_type="free"
    )


def finish(user, course):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for lesson in course.syllabus.lessons:
            services.complete_lesson(user, lesson)


def test_joining_a_free_programme_enrols_in_each_course_in_its_order(
    client, programme, courses
):
    user = learner(username="ada")
    client.force_login(user)

    response = client.post(f"{programme.url}join/", follow=True)

    assert response.status_code == 200
    assert "You joined the programme" in response.content.decode()
    assert ProgrammeEnrollment.objects.filter(user=user, programme=programme).exists()
    assert sorted(
        Enrollment.objects.filter(user=user).values_list("course__slug", "source")
    ) == [("css", "free"), ("html", "free")]
    page = response.content.decode()
    assert "0% · 0 of 2 courses" in page
    assert "Start the first course" in page


def test_joining_twice_changes_nothing(programme):
    user = learner(username="ada")
    join_programme(user, programme, Enrollment.Source.FREE)

    _membership, created = join_programme(user, programme, Enrollment.Source.FREE)

    assert not created
    assert Enrollment.objects.filter(user=user).count() == 2


def test_a_course_required_from_outside_the_programme_refuses_all_of_it(
    client, catalogue, programme, courses
):
    outside = build_course(catalogue, sections=1, lessons_per_section=1, slug="web101")
    courses[0].required_courses.add(outside)
    courses[0].save_revision().publish()
    user = learner(username="ada")
    client.force_login(user)

    response = client.post(f"{programme.url}join/")

    assert response.status_code == 403
    assert "Complete" in response.content.decode()
    assert not Enrollment.objects.filter(user=user).exists()
    assert not ProgrammeEnrollment.objects.exists()


def test_an_unverified_address_cannot_join_a_free_programme(client, programme):
    from tests.courses.factories import UserFactory

    client.force_login(UserFactory(username="new"))

    response = client.post(f"{programme.url}join/")

    assert response.status_code == 403
    assert not Enrollment.objects.exists()


def test_completing_the_last_course_issues_one_programme_certificate(
    client, programme, courses, mailoutbox
):
    user = learner(username="ada", first_name="Ada", last_name="Lovelace")
    join_programme(user, programme, Enrollment.Source.FREE)

    finish(user, courses[0])
    assert not ProgrammeCertificate.objects.exists()
    finish(user, courses[1])

    certificate = ProgrammeCertificate.objects.get()
    assert certificate.learner_name == "Ada Lovelace"
    assert certificate.programme_title == "Web Foundations"
    assert certificate.course_titles == ["HTML", "CSS"]
    assert ProgrammeEnrollment.objects.get().completed_at is not None
    text = " ".join(
        PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text().split()
    )
    assert "completed every course of the programme" in text
    assert "Web Foundations" in text and certificate.verification_code in text
    subjects = [m.subject for m in mailoutbox]
    assert subjects.count("Your certificate for the programme Web Foundations") == 1

    check = client.get(f"/certificates/verify/{certificate.verification_code}/")
    assert check.status_code == 200
    assert "Valid certificate" in check.content.decode()
    assert "Web Foundations" in check.content.decode()

    client.force_login(user)
    download = client.get(f"/certificates/programmes/{certificate.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_someone_else_cannot_download_a_programme_certificate(
    client, programme, courses
):
    user = learner(username="ada")
    join_programme(user, programme, Enrollment.Source.FREE)
    for course in courses:
        finish(user, course)
    client.force_login(learner(username="eve"))

    certificate = ProgrammeCertificate.objects.get()
    response = client.get(f"/certificates/programmes/{certificate.pk}/download/")

    assert response.status_code == 404


def test_courses_completed_before_joining_count(programme, courses):
    user = learner(username="ada")
    for course in courses:
        enrolled(user, course)
        finish(user, course)

    join_programme(user, programme, Enrollment.Source.FREE)

    assert ProgrammeCertificate.objects.filter(enrollment__user=user).count() == 1


def test_the_dashboard_shows_each_programme_with_its_progress(
    client, programme, courses
):
    user = learner(username="ada")
    join_programme(user, programme, Enrollment.Source.FREE)
    finish(user, courses[0])
    client.force_login(user)

    page = client.get("/dashboard/").content.decode()

    assert "My programmes" in page
    assert "Web Foundations" in page
    # Lessons done across the programme: the two of HTML out of three.
    assert "67% · 1 of 2 courses" in page
    assert "Next course: CSS" in page


def test_the_programme_page_moves_with_each_lesson(client, programme, courses):
    user = learner(username="ada")
    join_programme(user, programme, Enrollment.Source.FREE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.complete_lesson(user, courses[0].syllabus.lessons[0])
    client.force_login(user)

    page = client.get(programme.url).content.decode()

    assert "33% · 0 of 2 courses" in page
    assert "In progress: 50%" in page
    assert "Enrolled: not started yet" in page


def test_the_catalogue_lists_programmes_and_the_page_shows_its_courses(
    client, programme, courses
):
    catalogue = client.get("/courses/").content.decode()
    page = client.get(programme.url).content.decode()

    assert "Programmes: several courses, one path" in catalogue
    assert "Web Foundations" in catalogue
    assert page.index("HTML") < page.index("CSS")
    assert "Join the programme" in page
