"""`/api/v1/courses/`: the catalogue and each course's syllabus, with the
access policy's answers for the caller, the same as the pages give."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learners import services
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner
from tests.learners.test_access import EXPECTED_LIVE, build, people

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def test_the_access_table_replayed_through_the_api(catalogue):
    course, ordered, instructor, lessons = build(catalogue, True)
    users = people(course, ordered, instructor, True)

    actual = {}
    for who, user in users.items():
        client = client_for(user)
        states = {}
        for each in (course, ordered):
            answer = client.get(f"/api/v1/courses/{each.pk}/").json()
            for section in answer["sections"]:
                for lesson in section["lessons"]:
                    states[lesson["id"]] = (lesson["access"], lesson["reason"])
        actual[who] = {kind: states[lesson.pk] for kind, lesson in lessons.items()}

    expected = {
        who: {kind: (str(level), str(reason)) for kind, (level, reason) in row.items()}
        for who, row in EXPECTED_LIVE.items()
    }
    assert actual == expected


def test_a_locked_lesson_names_the_lesson_to_complete_first(catalogue):
    course, ordered, instructor, lessons = build(catalogue, True)
    member = people(course, ordered, instructor, True)["enrolled"]

    answer = client_for(member).get(f"/api/v1/courses/{course.pk}/").json()

    by_id = {ln["id"]: ln for s in answer["sections"] for ln in s["lessons"]}
    assert by_id[lessons["prerequisite"].pk]["blocked_by"] == lessons["normal"].pk
    assert answer["enrolled"] is True


def test_the_catalogue_lists_live_courses_with_the_pages_filters(client, catalogue):
    free = build_course(catalogue, sections=1, lessons_per_section=2, slug="free")
    paid = build_course(
        catalogue,
        sections=1,
        lessons_per_section=3,
        slug="paid",
        pricing_type="paid",
        price=4900,
        currency="USD",
    )
    draft = build_course(catalogue, sections=1, lessons_per_section=1, slug="draft")
    draft.unpublish()

    everything = client.get("/api/v1/courses/").json()
    only_paid = client.get("/api/v1/courses/?price=paid").json()

    assert {c["id"] for c in everything["items"]} == {free.pk, paid.pk}
    (item,) = only_paid["items"]
    assert item["price"] == {"pricing": "paid", "amount": 4900, "currency": "USD"}
    assert item["lessons"] == 3 and item["url"].endswith("/paid/")


def test_a_draft_or_unknown_course_is_a_404_in_json(client, catalogue):
    draft = build_course(catalogue, sections=1, lessons_per_section=1, slug="draft")
    draft.unpublish()

    for course_id in (draft.pk, 999999):
        response = client.get(f"/api/v1/courses/{course_id}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_completed_lessons_are_marked_for_the_learner(client, catalogue):
    course = build_course(catalogue, sections=2, lessons_per_section=2, slug="c")
    ada = learner()
    enrolled(ada, course)
    services.complete_lesson(ada, course.syllabus.lessons[0])
    client.force_login(ada)

    answer = client.get(f"/api/v1/courses/{course.pk}/").json()

    done = [ln["completed"] for s in answer["sections"] for ln in s["lessons"]]
    assert done == [True, False, False, False]


def test_queries_do_not_grow_with_the_page_or_the_course(client, catalogue):
    small = build_course(catalogue, sections=1, lessons_per_section=2, slug="small")
    client.get("/api/v1/courses/?page_size=1")
    client.get(f"/api/v1/courses/{small.pk}/")
    with CaptureQueriesContext(connection) as one_course:
        client.get("/api/v1/courses/?page_size=1")
    with CaptureQueriesContext(connection) as small_course:
        client.get(f"/api/v1/courses/{small.pk}/")
    for n in range(4):
        build_course(catalogue, sections=1, lessons_per_section=1, slug=f"more{n}")
    big = build_course(catalogue, sections=4, lessons_per_section=10, slug="big")
    client.get("/api/v1/courses/")
    client.get(f"/api/v1/courses/{big.pk}/")

    with CaptureQueriesContext(connection) as six_courses:
        listed = client.get("/api/v1/courses/").json()
    with CaptureQueriesContext(connection) as big_course:
        client.get(f"/api/v1/courses/{big.pk}/")

    assert listed["count"] == 6
    assert len(six_courses) == len(one_course)
    assert len(big_course) == len(small_course)


def test_reads_carry_an_etag_and_answer_304_when_unchanged(client, catalogue):
    course = build_course(catalogue, sections=1, lessons_per_section=1, slug="c")
    first = client.get(f"/api/v1/courses/{course.pk}/")

    again = client.get(
        f"/api/v1/courses/{course.pk}/", headers={"If-None-Match": first["ETag"]}
    )
    course.title = "Renamed"
    course.save_revision().publish()
    changed = client.get(
        f"/api/v1/courses/{course.pk}/", headers={"If-None-Match": first["ETag"]}
    )

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304 and again.content == b""
    assert changed.status_code == 200 and changed.json()["title"] == "Renamed"


def test_a_callers_own_answers_stay_out_of_shared_caches(client, catalogue):
    course = build_course(catalogue, sections=1, lessons_per_section=1, slug="c")
    client.force_login(learner())

    response = client.get(f"/api/v1/courses/{course.pk}/")

    assert "private" in response["Cache-Control"]
    assert "Authorization" in response["Vary"] and "Cookie" in response["Vary"]
