"""The main pages use a fixed number of queries, whatever the course size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses.factories import CoursePageFactory, build_course

pytestmark = pytest.mark.django_db

# Site, routing through the tree, view restrictions, breadcrumbs, then one query
# each for sections, lessons, category, instructor and site settings.
COURSE_PAGE_QUERIES = 15  # 14, plus the instructor named in the JSON-LD


def queries_for(client, url):
    client.get(url)  # warm the site-root-path cache, as in production
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_course_page_query_count_does_not_grow_with_lessons(client, catalogue):
    small = build_course(catalogue, sections=1, lessons_per_section=1, slug="small")
    big = build_course(catalogue, sections=10, lessons_per_section=10, slug="big")
    assert big.syllabus.lesson_count == 100

    small_count = queries_for(client, small.url)
    big_count = queries_for(client, big.url)

    assert big_count == small_count
    assert big_count <= COURSE_PAGE_QUERIES


def test_the_course_page_with_100_lessons_uses_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    course = build_course(catalogue, sections=10, lessons_per_section=10, slug="big")
    client.get(course.url)

    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        response = client.get(course.url)

    assert (
        response.content.decode().count('class="lesson-list__item lesson-list__item--')
        == 100
    )


def test_the_lesson_page_query_count_does_not_grow_with_the_course(client, catalogue):
    small = build_course(catalogue, sections=1, lessons_per_section=2, slug="small")
    big = build_course(catalogue, sections=10, lessons_per_section=10, slug="big")
    small_lesson = small.syllabus.lessons[1]
    big_lesson = big.syllabus.lessons[55]

    assert queries_for(client, big_lesson.url) == queries_for(client, small_lesson.url)


def test_the_catalogue_query_count_does_not_grow_with_courses(client, catalogue):
    CoursePageFactory(parent=catalogue)
    one = queries_for(client, catalogue.url)
    CoursePageFactory.create_batch(11, parent=catalogue)

    assert queries_for(client, catalogue.url) == one
