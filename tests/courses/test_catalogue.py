"""The catalogue lists live courses and filters them by the query string."""

import pytest

from tests.courses.factories import CourseCategoryFactory, CoursePageFactory
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def courses(catalogue):
    data = CourseCategoryFactory(name="Data", slug="data")
    design = CourseCategoryFactory(name="Design", slug="design")
    CoursePageFactory(
        parent=catalogue, title="SQL Basics", category=data, difficulty="beginner"
    )
    CoursePageFactory(
        parent=catalogue,
        title="Advanced Pandas",
        summary="Reshape and group data frames.",
        category=data,
        difficulty="advanced",
        pricing_type="paid",
        price=3900,
        currency="GBP",
    )
    CoursePageFactory(
        parent=catalogue,
        title="Colour Theory",
        category=design,
        pricing_type="subscription",
    )
    CoursePageFactory(parent=catalogue, title="Unpublished Draft", live=False)


def titles(response):
    return sorted(course.title for course in response.context["courses"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Advanced Pandas", "Colour Theory", "SQL Basics"]),
        ("?category=data", ["Advanced Pandas", "SQL Basics"]),
        ("?level=advanced", ["Advanced Pandas"]),
        ("?price=free", ["SQL Basics"]),
        ("?price=paid", ["Advanced Pandas"]),
        ("?price=subscription", ["Colour Theory"]),
        ("?q=pandas", ["Advanced Pandas"]),
        ("?q=group+data", ["Advanced Pandas"]),
        ("?category=data&level=beginner", ["SQL Basics"]),
        ("?category=nothing-here", []),
        (
            "?level=wizard&price=cheap",
            ["Advanced Pandas", "Colour Theory", "SQL Basics"],
        ),
    ],
)
def test_filters_narrow_the_list(client, courses, query, expected):
    response = client.get(f"/courses/{query}")

    assert response.status_code == 200
    assert titles(response) == expected


def test_cards_show_the_price_in_its_currency(client, courses):
    html = client.get("/courses/").content.decode()

    assert "£39.00" in html
    assert "Free" in html
    assert "Included in subscription" in html


def test_no_results_offers_a_way_back(client, courses):
    html = client.get("/courses/?q=underwater+basket+weaving").content.decode()

    assert "Nothing found for “underwater basket weaving”" in html
    assert "Clear filters" in html
    # Subjects to browse instead.
    assert 'href="/courses/category/data/"' in html
    assert 'href="/courses/category/design/"' in html


def test_a_page_number_out_of_range_shows_the_last_page(client, courses):
    response = client.get("/courses/?page=99")

    assert response.status_code == 200
    assert response.context["courses"].number == 1


def test_the_home_page_features_the_newest_courses(client, courses):
    response = client.get("/")

    assert response.status_code == 200
    assert "SQL Basics" in response.content.decode()
    assert "Unpublished Draft" not in response.content.decode()


def ordered_titles(response):
    return [course.title for course in response.context["courses"]]


def test_sorting_by_title_popularity_and_newest_keeps_the_filters(
    client, courses, catalogue
):
    from learners.models import CourseStats

    pandas = catalogue.get_children().get(title="Advanced Pandas").specific
    CourseStats.objects.create(course=pandas, enrollments=50)

    by_title = client.get("/courses/?sort=title")
    popular = client.get("/courses/?sort=popular&category=data")
    nonsense = client.get("/courses/?sort=whatever")

    assert ordered_titles(by_title) == [
        "Advanced Pandas",
        "Colour Theory",
        "SQL Basics",
    ]
    assert ordered_titles(popular) == ["Advanced Pandas", "SQL Basics"]
    assert nonsense.status_code == 200
    html = popular.content.decode()
    assert 'href="?sort=title&amp;category=data"' in html or (
        "sort=title" in html and "category=data" in html
    )


def test_the_language_filter(client, catalogue, courses):
    CoursePageFactory(parent=catalogue, title="Curso de SQL", language="es")

    spanish = client.get("/courses/?language=es")

    assert ordered_titles(spanish) == ["Curso de SQL"]
    assert (
        '<option value="es" >Spanish</option>'
        in client.get("/courses/").content.decode()
    )


def test_a_category_page_lists_its_courses_under_its_own_title(client, courses):
    response = client.get("/courses/category/design/")
    html = response.content.decode()

    assert response.status_code == 200
    assert ordered_titles(response) == ["Colour Theory"]
    assert "<h1>Design</h1>" in html and "<title>Design · " in html
    assert client.get("/courses/category/nope/").status_code == 404


def test_an_instructor_page_shows_their_bio_and_courses(client, catalogue):
    from learners.models import Profile
    from tests.courses.factories import UserFactory

    teacher = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    Profile.objects.create(user=teacher, bio="Writes the first programs.")
    course = CoursePageFactory(parent=catalogue, title="Engines", instructor=teacher)

    html = client.get(f"/courses/instructors/{teacher.pk}/").content.decode()
    course_html = client.get(course.url).content.decode()

    assert "Ada Lovelace" in html and "Writes the first programs." in html
    assert "Engines" in html
    assert f'href="/courses/instructors/{teacher.pk}/"' in course_html
    assert client.get("/courses/instructors/999999/").status_code == 404


def test_the_sitemap_lists_categories_and_instructors(client, courses, catalogue):
    from tests.courses.factories import UserFactory

    teacher = UserFactory(username="sam")
    CoursePageFactory(parent=catalogue, title="Taught", instructor=teacher)

    xml = client.get("/sitemap.xml").content.decode()

    assert "/courses/category/data/</loc>" in xml
    assert f"/courses/instructors/{teacher.pk}/</loc>" in xml


def test_a_learners_catalogue_comes_from_the_cache_and_shows_a_new_course_at_once(
    client, catalogue, courses, django_assert_max_num_queries
):
    client.force_login(learner())
    client.get(catalogue.url)  # lists, cards and addresses go to the cache

    # The session's user and the subject filter's list, nothing of the courses.
    with django_assert_max_num_queries(2):
        warm = client.get(catalogue.url)
    assert titles(warm) == ["Advanced Pandas", "Colour Theory", "SQL Basics"]
    assert "SQL Basics" in warm.content.decode()

    CoursePageFactory(parent=catalogue, title="Brand New")

    fresh = client.get(catalogue.url).content.decode()
    assert "Brand New" in fresh
    assert fresh.count('class="card"') == 4
