"""The dashboard: my courses, what to do next, totals and recent activity."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learners import services
from learners.models import LessonProgress
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = learner(username="dash")
    client.force_login(user)
    return user


def test_an_empty_dashboard_points_to_the_catalogue(client, site, member):
    html = client.get("/dashboard/").content.decode()

    assert "You are not taking a course right now." in html
    assert 'href="/courses/"' in html


def test_the_dashboard_shows_progress_next_lesson_and_totals(client, catalogue, member):
    course = build_course(catalogue, sections=1, lessons_per_section=4, title="Pottery")
    enrolled(member, course)
    first, second = course.syllabus.lessons[:2]
    services.complete_lesson(member, first)
    services.record_progress(member, second, seconds=45)

    response = client.get("/dashboard/")

    html = response.content.decode()
    item = response.context["dashboard"].continue_with
    assert item.progress.percent == 25
    assert item.next_lesson.pk == second.pk
    assert 'aria-valuenow="25"' in html
    assert f"Continue: {second.title}" in html
    assert response.context["dashboard"].seconds_learnt == 45
    assert first.title in html  # recent activity


def test_a_completed_course_moves_to_completed(client, catalogue, member):
    course = build_course(catalogue, sections=1, lessons_per_section=2, title="Knots")
    enrolled(member, course)
    for lesson in course.syllabus.lessons:
        services.complete_lesson(member, lesson)

    dashboard = client.get("/dashboard/").context["dashboard"]

    assert [i.course.title for i in dashboard.completed] == ["Knots"]
    assert dashboard.in_progress == []
    assert dashboard.completed[0].progress.percent == 100


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboard_query_count_does_not_grow_with_courses(
    client, catalogue, member
):
    course = build_course(catalogue, sections=2, lessons_per_section=3, slug="one")
    enrolled(member, course)
    services.complete_lesson(member, course.syllabus.lessons[0])
    one = queries(client, "/dashboard/")
    for n in range(4):
        more = build_course(
            catalogue, sections=3, lessons_per_section=4, slug=f"more{n}"
        )
        enrolled(member, more)
        services.complete_lesson(member, more.syllabus.lessons[0])

    assert queries(client, "/dashboard/") == one


def test_course_and_lesson_pages_of_an_enrolled_learner_use_fixed_queries(
    client, catalogue, member
):
    small = build_course(catalogue, sections=1, lessons_per_section=2, slug="small")
    big = build_course(catalogue, sections=10, lessons_per_section=10, slug="big")
    for course in (small, big):
        enrolled(member, course)
        services.complete_lesson(member, course.syllabus.lessons[0])

    assert queries(client, big.url) == queries(client, small.url)
    assert queries(client, big.syllabus.lessons[1].url) == queries(
        client, small.syllabus.lessons[1].url
    )


def test_the_course_page_shows_progress_and_continue(client, catalogue, member):
    course = build_course(catalogue, sections=1, lessons_per_section=2, slug="tea")
    enrolled(member, course)
    services.complete_lesson(member, course.syllabus.lessons[0])

    response = client.get("/courses/tea/")

    html = response.content.decode()
    assert response.context["state"].next_lesson.pk == course.syllabus.lessons[1].pk
    assert "50% · 1 of 2 lessons" in html
    assert f'href="{course.syllabus.lessons[1].url}">' in html
    assert "Enrol for free" not in html
    assert 'aria-label="Completed"' in html
    assert LessonProgress.objects.filter(status="completed").count() == 1
