"""Analytics and learner lists in the admin: the right numbers, scoped to the
instructor's own courses, and a query count that ignores the learner count."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.roles import INSTRUCTORS
from learners.models import CourseStats, Enrollment
from learners.stats import refresh_course_stats
from tests.courses.factories import UserFactory, build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher():
    user = UserFactory(username="tess")
    user.groups.add(Group.objects.get(name=INSTRUCTORS))
    return user


@pytest.fixture
def course(catalogue, teacher):
    return build_course(catalogue, 1, 3, title="Statistics 101", instructor=teacher)


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def many_learners(course, count):
    users = [
        UserFactory.build(username=f"many-{n}", email=f"many-{n}@example.com")
        for n in range(count)
    ]
    from django.contrib.auth import get_user_model

    get_user_model().objects.bulk_create(users)
    created = get_user_model().objects.filter(username__startswith="many-")
    Enrollment.objects.bulk_create(
        [Enrollment(user=user, course=course, source="free") for user in created]
    )


def test_the_analytics_page_shows_the_stored_numbers(course, teacher):
    for n in range(4):
        enrolled(learner(username=f"l{n}"), course)
    refresh_course_stats(course.pk)

    html = as_user(teacher).get(f"/admin/learning/analytics/{course.pk}/")
    text = html.content.decode()

    assert html.status_code == 200
    assert "chart-over-time" in text and "vendor/chart.js/chart.umd.js" in text
    assert "<strong>4</strong>" in text
    csv = as_user(teacher).get(f"/admin/learning/analytics/{course.pk}/csv/")
    assert csv.content.decode().startswith("lesson,started,completed")


def test_the_analytics_pages_read_a_fixed_number_of_queries_for_1000_learners(
    course, teacher
):
    client = as_user(teacher)
    enrolled(learner(username="first"), course)
    refresh_course_stats(course.pk)
    pages = [
        f"/admin/learning/analytics/{course.pk}/",
        f"/admin/learning/learners/{course.pk}/",
        "/admin/learning/analytics/",
        "/admin/",
    ]
    few = [queries(client, url) for url in pages]

    many_learners(course, 1000)
    refresh_course_stats(course.pk)

    assert [queries(client, url) for url in pages] == few


def test_another_instructors_analytics_and_learners_are_not_found(course):
    other = UserFactory(username="otto")
    other.groups.add(Group.objects.get(name=INSTRUCTORS))
    client = as_user(other)

    for url in (
        f"/admin/learning/analytics/{course.pk}/",
        f"/admin/learning/analytics/{course.pk}/csv/",
        f"/admin/learning/learners/{course.pk}/",
    ):
        assert client.get(url).status_code == 404
    assert (
        "Statistics 101"
        not in client.get("/admin/learning/analytics/").content.decode()
    )
    assert client.get("/admin/learning/platform/").status_code in (302, 403)


def test_enrolling_by_email_reports_every_row(course, teacher):
    known = learner(username="known", email="known@example.com")
    already = learner(username="already", email="already@example.com")
    enrolled(already, course)

    response = as_user(teacher).post(
        f"/admin/learning/learners/{course.pk}/",
        {
            "emails": "\n".join(
                [
                    "KNOWN@example.com",
                    "already@example.com",
                    "nobody@example.com",
                    "not-an-email",
                ]
            )
        },
    )
    text = response.content.decode()

    assert Enrollment.objects.filter(user=known, course=course, source="admin").exists()
    assert "Already enrolled." in text
    assert "No account uses this address." in text
    assert "Not an e-mail address." in text
    assert "2 of 4 rows enrolled or already enrolled." in text


def test_enrolling_from_a_csv_file(course, teacher):
    learner(username="csv-a", email="a@example.com")
    upload = SimpleUploadedFile(
        "roster.csv", b"name,email\nAda,a@example.com\nBob,b@example.com\n", "text/csv"
    )

    response = as_user(teacher).post(
        f"/admin/learning/learners/{course.pk}/", {"csv_file": upload}
    )
    text = response.content.decode()

    assert Enrollment.objects.filter(course=course).count() == 1
    assert "b@example.com" in text and "No account uses this address." in text


def test_a_file_that_is_not_utf8_is_refused_clearly(course, teacher):
    upload = SimpleUploadedFile("roster.csv", "café@x.com".encode("utf-16"), "text/csv")

    response = as_user(teacher).post(
        f"/admin/learning/learners/{course.pk}/", {"csv_file": upload}
    )

    assert "Save the file as UTF-8 CSV" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_the_admin_home_shows_my_courses(course, teacher):
    enrolled(learner(username="home"), course)
    refresh_course_stats(course.pk)

    text = as_user(teacher).get("/admin/").content.decode()

    assert "My courses" in text and "Statistics 101" in text
    assert "No submissions waiting." in text


def test_platform_analytics_for_staff(course):
    enrolled(learner(username="p1"), course)
    refresh_course_stats(course.pk)
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)

    text = as_user(admin).get("/admin/learning/platform/").content.decode()

    assert "Statistics 101" in text and "Active learners (30 days)" in text


def test_the_enrolment_list_shows_my_courses_only(course, teacher, catalogue):
    other_course = build_course(catalogue, 1, 1, title="Someone Else's")
    mine = learner(username="mine-l", first_name="Mina", last_name="Mine")
    theirs = learner(username="theirs-l", first_name="Theo", last_name="Theirs")
    enrolled(mine, course)
    enrolled(theirs, other_course)

    html = as_user(teacher).get("/admin/learners/enrollment/").content.decode()

    assert "Mina Mine" in html
    assert "Theo Theirs" not in html


def test_stale_numbers_are_refreshed_when_the_instructor_opens_them(course, teacher):
    enrolled(learner(username="early"), course)
    refresh_course_stats(course.pk)
    enrolled(learner(username="later"), course)
    CourseStats.objects.update(refreshed_at=timezone.now() - timedelta(hours=2))

    text = as_user(teacher).get(f"/admin/learning/analytics/{course.pk}/")

    assert CourseStats.objects.get(course=course).enrollments == 2
    assert "<strong>2</strong>" in text.content.decode()


def test_fresh_numbers_are_not_recomputed_on_each_view(course, teacher):
    refresh_course_stats(course.pk)
    enrolled(learner(username="since"), course)

    as_user(teacher).get(f"/admin/learning/analytics/{course.pk}/")

    assert CourseStats.objects.get(course=course).enrollments == 0


def test_the_refresh_stats_command_fills_the_tables(course):
    enrolled(learner(username="counted"), course)
    out = io.StringIO()

    call_command("refresh_stats", stdout=out)

    assert CourseStats.objects.get(course=course).enrollments == 1
    assert "refreshed for" in out.getvalue()


def test_the_periodic_refresh_fans_out_one_short_task_per_course(course):
    from learners.tasks import refresh_course_stats_task
    from tests.conftest import run_periodic

    enrolled(learner(username="fanned"), course)

    assert run_periodic(refresh_course_stats_task) >= 1
    assert CourseStats.objects.get(course=course).enrollments == 1
