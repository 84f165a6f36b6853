"""Anonymous visitors get public pages from the page cache: no cookie, a
shared Cache-Control, ETag and 304s, and every change to the content shows
at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(
        parent=catalogue, slug="bread", title="Bread", price=0, pricing_type="free"
    )
    section = SectionPageFactory(parent=course, slug="basics")
    LessonPageFactory(parent=section, slug="taste", title="Taste", free_preview=True)
    LessonPageFactory(parent=section, slug="knead", title="Knead")
    return course


def public_urls(course):
    return [
        "/",
        "/courses/",
        "/courses/bread/",
        f"/courses/category/{course.category.slug}/",
        f"/courses/instructors/{course.instructor_id}/",
        "/courses/bread/basics/taste/",  # a free preview
        "/courses/bread/basics/knead/",  # a teaser
    ]


def test_public_pages_set_no_cookie_and_may_be_shared(client, course):
    for url in public_urls(course):
        response = client.get(url)

        assert response.status_code == 200, url
        assert not response.cookies, url
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "s-maxage=600" in cache_control, url
        assert response["ETag"] and response["Last-Modified"], url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url


def test_a_cached_page_is_served_without_a_query(client, course):
    first = client.get("/courses/bread/")

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/courses/bread/")

    assert len(queries) == 0
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_browser_revalidating_gets_304(client, course):
    etag = client.get("/courses/bread/")["ETag"]

    response = client.get("/courses/bread/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_publishing_a_change_shows_at_once(client, course):
    client.get("/courses/bread/")

    course.title = "Sourdough"
    course.save_revision().publish()

    assert "Sourdough" in client.get("/courses/bread/").content.decode()


def test_a_price_change_shows_at_once(client, course):
    client.get("/courses/bread/")

    course.pricing_type = "paid"
    course.price = 4900
    course.currency = "USD"
    course.save_revision().publish()

    assert "$49.00" in client.get("/courses/bread/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, course):
    assert client.get("/courses/bread/").status_code == 200

    course.unpublish()

    assert client.get("/courses/bread/").status_code == 404


def test_a_moved_lesson_is_found_at_its_new_address(client, course):
    lesson = course.get_descendants().type(LessonPageFactory._meta.model)
    lesson = lesson.get(slug="knead").specific
    other = SectionPageFactory(parent=course, slug="more")
    assert client.get("/courses/bread/basics/knead/").status_code == 200

    lesson.move(other, pos="last-child")

    old = client.get("/courses/bread/basics/knead/")
    assert old.status_code == 301  # Wagtail's automatic redirect
    assert old["Location"] == "/courses/bread/more/knead/"
    assert client.get("/courses/bread/more/knead/").status_code == 200


def test_a_logged_in_learner_gets_a_private_page(client, course):
    client.get("/courses/bread/")  # stored for visitors
    client.force_login(learner(first_name="Ada"))

    response = client.get("/courses/bread/")

    assert "private" in response["Cache-Control"]
    assert "Log out" in response.content.decode()


def test_a_page_that_needs_a_token_is_not_shared(client):
    response = client.get("/accounts/login/")

    assert "public" not in response.get("Cache-Control", "")
    assert response.cookies.get("csrftoken")


def test_a_course_page_from_the_cache_still_counts_its_view(client, course):
    from learners.pageviews import pending_counts

    before = sum(pending_counts().values())
    for _ in range(3):
        client.get("/courses/bread/")

    assert sum(pending_counts().values()) - before == 3


def test_pages_are_compressed_for_browsers_that_ask(client, course):
    response = client.get("/courses/bread/", HTTP_ACCEPT_ENCODING="gzip")
    again = client.get("/courses/bread/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert again["Content-Encoding"] == "gzip"  # stored compressed
    assert "Accept-Encoding" in response["Vary"]
    plain = client.get("/courses/bread/")
    assert not plain.has_header("Content-Encoding")
