"""A learner's main pages stay within a small, fixed number of queries, and
reading a lesson again writes nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from learners import services
from learners.models import LessonProgress
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # the budget the speed targets set for each of these pages


@pytest.fixture
def member(client):
    user = learner()
    client.force_login(user)
    return user


def captured(client, url):
    client.get(url)  # the first visit starts the lesson and warms the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.fixture
def course(catalogue, member):
    course = build_course(catalogue, sections=3, lessons_per_section=4, slug="c")
    enrolled(member, course)
    services.complete_lesson(member, course.syllabus.lessons[0])
    return course


def test_the_lesson_page_of_an_enrolled_learner_fits_the_budget(client, course):
    queries = captured(client, course.syllabus.lessons[1].url)

    assert len(queries) <= MAX_QUERIES, "\n".join(queries)


def test_opening_a_lesson_again_writes_nothing(client, course):
    queries = captured(client, course.syllabus.lessons[1].url)

    writes = [
        sql for sql in queries if sql.split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []


def test_the_course_page_of_an_enrolled_learner_fits_the_budget(client, course):
    queries = captured(client, course.url)

    assert len(queries) <= MAX_QUERIES, "\n".join(queries)


def test_the_dashboard_fits_the_budget(client, course):
    queries = captured(client, "/dashboard/")

    assert len(queries) <= MAX_QUERIES, "\n".join(queries)


def test_the_lesson_page_costs_the_same_in_a_course_ten_times_longer(
    client, catalogue, member, course
):
    long = build_course(catalogue, sections=10, lessons_per_section=12, slug="long")
    enrolled(member, long)
    services.complete_lesson(member, long.syllabus.lessons[0])

    short_queries = captured(client, course.syllabus.lessons[1].url)
    long_queries = captured(client, long.syllabus.lessons[1].url)

    assert len(long_queries) == len(short_queries)


@pytest.mark.parametrize("by", ["page", "id"])
def test_a_heartbeat_is_four_queries_with_no_lock(client, course, by):
    lesson = course.syllabus.lessons[1]
    client.get(lesson.url)  # opened once: the progress row exists
    # The page's beat goes to the address by id; its own route works alike.
    url = (
        f"{lesson.url}progress/" if by == "page" else f"/lessons/{lesson.pk}/progress/"
    )

    client.post(url, {"seconds": 30}, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"seconds": 30}, content_type="application/json")

    assert response.status_code == 200
    # JSON loads and runs nothing: it goes without a policy; pages keep theirs.
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy" in client.get(lesson.url)
    sql = [query["sql"] for query in queries.captured_queries]
    assert len(sql) <= 4, "\n".join(sql)
    assert not any("FOR UPDATE" in statement for statement in sql)


def test_a_heartbeat_that_credits_time_is_four_queries(client, course, member):
    lesson = course.syllabus.lessons[1]
    client.get(lesson.url)
    url = f"/lessons/{lesson.pk}/progress/"
    before = client.post(url, {"seconds": 30}, content_type="application/json")
    # The previous beat was 30 seconds ago: this one is credited.
    rows = LessonProgress.objects.filter(enrollment__user=member, lesson=lesson)
    rows.update(last_heartbeat_at=F("last_heartbeat_at") - timedelta(seconds=30))

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"seconds": 30}, content_type="application/json")

    spent = before.json()["time_spent_seconds"]
    assert response.json()["time_spent_seconds"] == spent + 30
    sql = [query["sql"] for query in queries.captured_queries]
    # SQLite writes the lesson's and the day's seconds in one transaction,
    # PostgreSQL in one statement; the transaction's opening and closing (a
    # savepoint inside the test's own) are not queries.
    control = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")
    data = [s for s in sql if not s.startswith(control)]
    assert len(data) <= 4, "\n".join(sql)
    assert not any("FOR UPDATE" in statement for statement in sql)


def test_a_long_course_folds_the_other_sections_in_the_sidebar(
    client, catalogue, member
):
    long = build_course(catalogue, sections=5, lessons_per_section=10, slug="long")
    enrolled(member, long)
    lesson = long.syllabus.sections[2].lessons[4]

    html = client.get(lesson.url).content.decode()

    sidebar = html.split('class="lesson-sidebar"', 1)[1].split("</aside>", 1)[0]
    assert sidebar.count('<li class="lesson-sidebar__item') == 10  # this section
    assert sidebar.count("0 of 10 lessons done") == 4  # the other four
    assert 'aria-current="page"' in sidebar


def test_a_programme_page_of_a_learner_in_it_fits_the_budget(
    client, catalogue, member, course
):
    from learners.models import Enrollment
    from learners.services.programmes import join_programme
    from tests.courses.factories import build_programme

    other = build_course(catalogue, sections=2, lessons_per_section=3, slug="d")
    path = build_programme(catalogue, [course, other], slug="p", pricing_type="free")
    join_programme(member, path, Enrollment.Source.FREE)

    programme_page = captured(client, path.url)
    dashboard = captured(client, "/dashboard/")

    assert len(programme_page) <= MAX_QUERIES, "\n".join(programme_page)
    # Three more than a learner in no programme: what it is, and its courses.
    assert len(dashboard) <= MAX_QUERIES + 3, "\n".join(dashboard)
