"""What crawlers see: JSON-LD checked against schema.org's expected
properties, the sitemap, robots.txt, and teasers instead of locked lessons."""

import json
import re

import pytest
from django.conf import settings
from django.test import Client

from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

SECRET_SENTENCE = "The secret ingredient is a pinch of smoked paprika."


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return {item["@type"]: item for item in map(json.loads, blocks)}


def make_course(catalogue, slug, **fields):
    course = CoursePageFactory(
        parent=catalogue,
        slug=slug,
        title=slug.title(),
        summary=f"All about {slug}.",
        learning_outcomes=[("outcome", "Cook a stew"), ("outcome", "Bake bread")],
        estimated_duration_minutes=150,
        **fields,
    )
    section = SectionPageFactory(parent=course, slug="basics", title="Basics")
    LessonPageFactory(
        parent=section, slug="preview", title="Free taste", free_preview=True
    )
    LessonPageFactory(
        parent=section,
        slug="locked",
        title="The secret stew",
        summary="How the stew comes together.",
        body=[
            {
                "type": "rich_text",
                "id": "r",
                "value": {"content": f"<p>{SECRET_SENTENCE}</p>"},
            }
        ],
    )
    return course


def check_course(data, url):
    """schema.org/Course as Google's course rich results expect it."""
    assert data["@context"] == "https://schema.org"
    assert isinstance(data["name"], str) and data["name"]
    assert isinstance(data["description"], str) and data["description"]
    assert data["url"] == url
    assert data["provider"]["@type"] == "Organization" and data["provider"]["name"]
    assert isinstance(data["teaches"], list) and data["teaches"]
    assert isinstance(data["inLanguage"], str)
    assert isinstance(data["educationalLevel"], str)
    instance = data["hasCourseInstance"][0]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "online"
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?", instance["courseWorkload"])
    offer = data["offers"][0]
    assert offer["@type"] == "Offer"
    assert re.fullmatch(r"\d+(\.\d+)?", offer["price"])
    assert re.fullmatch(r"[A-Z]{3}", offer["priceCurrency"])
    return offer


def test_a_paid_course_describes_itself_with_its_price(catalogue):
    course = make_course(catalogue, "stews", pricing_type="paid", price=4900)

    html = Client().get(course.url).content.decode()
    data = json_ld(html)

    offer = check_course(data["Course"], f"{settings.SITE_URL}{course.url}")
    assert (offer["category"], offer["price"], offer["priceCurrency"]) == (
        "Paid",
        "49.00",
        "USD",
    )
    assert data["Course"]["hasCourseInstance"][0]["courseWorkload"] == "PT2H30M"
    assert data["Course"]["teaches"] == ["Cook a stew", "Bake bread"]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["name"] == "Stews" and crumbs[-1]["item"].endswith(course.url)


def test_a_free_course_offers_itself_for_nothing(catalogue):
    course = make_course(catalogue, "breads")

    offer = check_course(
        json_ld(Client().get(course.url).content.decode())["Course"],
        f"{settings.SITE_URL}{course.url}",
    )

    assert (offer["category"], offer["price"]) == ("Free", "0")


def test_a_subscription_course_offers_the_cheapest_plans_price(catalogue):
    from tests.payments.factories import PlanFactory

    PlanFactory(name="Annual", interval="year", price=15000)
    PlanFactory(name="Monthly", price=1500, currency="USD")
    PlanFactory(name="Old", price=900, is_active=False)
    course = make_course(catalogue, "soups", pricing_type="subscription")

    offer = check_course(
        json_ld(Client().get(course.url).content.decode())["Course"],
        f"{settings.SITE_URL}{course.url}",
    )

    assert (offer["category"], offer["price"], offer["priceCurrency"]) == (
        "Subscription",
        "15.00",
        "USD",
    )


def test_the_catalogue_lists_its_courses_for_search_engines(catalogue):
    first, second = make_course(catalogue, "pies"), make_course(catalogue, "tarts")

    data = json_ld(Client().get(catalogue.url).content.decode())

    items = data["ItemList"]["itemListElement"]
    assert [item["position"] for item in items] == [1, 2]
    assert {item["url"] for item in items} == {
        f"{settings.SITE_URL}{first.url}",
        f"{settings.SITE_URL}{second.url}",
    }


def test_the_home_page_names_the_organisation_and_its_search(site):
    data = json_ld(Client().get("/").content.decode())

    assert data["Organization"]["url"] == f"{settings.SITE_URL}/"
    action = data["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert "{search_term_string}" in action["target"]["urlTemplate"]
    assert action["query-input"] == "required name=search_term_string"


def test_public_pages_have_canonical_and_preview_tags(catalogue):
    course = make_course(catalogue, "soups")

    html = Client().get(course.url + "?utm_source=mail").content.decode()

    assert f'<link rel="canonical" href="{settings.SITE_URL}{course.url}">' in html
    assert '<meta property="og:title" content="Soups">' in html
    assert 'name="twitter:card"' in html
    assert "<title>Soups · " in html


def test_the_sitemap_lists_free_previews_but_not_locked_or_draft_lessons(catalogue):
    make_course(catalogue, "pies").save_revision().publish()  # sets lastmod
    draft = make_course(catalogue, "drafts")
    draft.unpublish()

    xml = Client().get("/sitemap.xml").content.decode()
    paths = [
        url.split("://", 1)[1].split("/", 1)[1]
        for url in re.findall(r"<loc>(.*?)</loc>", xml)
    ]

    assert "courses/pies/" in paths
    assert "courses/pies/basics/preview/" in paths
    assert "courses/pies/basics/locked/" not in paths
    assert not any("drafts/" in path for path in paths)
    assert re.search(r"<loc>[^<]*/courses/pies/</loc><lastmod>\d{4}-\d\d-\d\d<", xml)


def test_every_address_search_engines_read_is_on_site_url(catalogue, settings):
    course = make_course(catalogue, "pies")

    xml = Client().get("/sitemap.xml").content.decode()
    html = Client().get(course.url).content.decode()
    robots = Client().get("/robots.txt").content.decode()

    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert locations and all(
        loc.startswith(settings.SITE_URL + "/") for loc in locations
    )
    assert f'rel="canonical" href="{settings.SITE_URL}{course.url}"' in html
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots


def test_the_default_site_follows_site_url(site, settings):
    from wagtail.models import Site

    from home.sites import sync_default_site

    settings.SITE_URL = "https://learn.example.org"
    sync_default_site()

    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == ("learn.example.org", 443)
    assert default.root_url == "https://learn.example.org"


def test_the_sitemap_lists_each_instructor_and_category_page_once(catalogue):
    teacher = UserFactory(username="baker")
    for slug in ("pies", "tarts", "cakes"):
        make_course(catalogue, slug, instructor=teacher)

    xml = Client().get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)

    instructor_pages = [loc for loc in locations if "/instructors/" in loc]
    assert instructor_pages and len(instructor_pages) == len(set(instructor_pages))
    assert len(locations) == len(set(locations))


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_private_areas(site):
    text = Client().get("/robots.txt").content.decode()

    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    for path in ("/admin/", "/dashboard/", "/accounts/", "/payments/"):
        assert f"Disallow: {path}" in text


def test_a_locked_lesson_shows_crawlers_a_teaser_without_its_body(catalogue):
    course = make_course(catalogue, "secrets")

    response = Client().get(f"{course.url}basics/locked/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "The secret stew" in html and "How the stew comes together." in html
    assert SECRET_SENTENCE not in html


def test_search_results_are_not_indexed_but_the_catalogue_is(catalogue):
    plain = Client().get("/courses/").content.decode()
    searched = Client().get("/courses/?q=stew").content.decode()

    assert 'name="robots"' not in plain
    assert '<meta name="robots" content="noindex, follow">' in searched


def test_translated_pages_link_each_other_with_hreflang(site, settings):
    from wagtail.models import Locale

    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        ("en", "English"),
        ("fr", "French"),
    ]
    french = Locale.objects.create(language_code="fr")
    translation = site.home.copy_for_translation(french)
    translation.save_revision().publish()

    html = Client().get("/").content.decode()

    assert '<link rel="alternate" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="fr"' in html
