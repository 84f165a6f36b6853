"""Small things a new visitor notices: a favicon, a description on every
public page, headings in order, the largest image not lazy, valid dates."""

import io
import re

import pytest
from django.core.management import call_command

from home.models import SiteSettings
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def test_the_favicon_answers_instead_of_a_404(client, site):
    response = client.get("/favicon.ico")

    assert response.status_code == 301 and response.url.endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


@pytest.mark.parametrize("path", ["/", "/courses/"])
def test_home_and_catalogue_have_a_meta_description(client, site, path):
    html = client.get(path).content.decode()

    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and description.group(1).strip()


def test_catalogue_cards_are_headed_just_below_the_page_title(client, site):
    CoursePageFactory(parent=site.catalogue, slug="one", title="One course")

    html = client.get("/courses/").content.decode()

    assert '<h2 class="card__title">' in html and '<h3 class="card__title">' not in html


def test_dashboard_times_are_valid_html_datetimes(client, site):
    course = CoursePageFactory(parent=site.catalogue, slug="c", title="C")
    lesson = LessonPageFactory(parent=SectionPageFactory(parent=course, slug="s"))
    user = learner(username="timely")
    enrolled(user, course)
    client.force_login(user)
    client.get(lesson.url)

    html = client.get("/dashboard/").content.decode()

    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps and all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", s) for s in stamps
    )


def test_only_the_first_catalogue_image_loads_at_once(client):
    call_command("seed_demo", stdout=io.StringIO())

    html = client.get("/courses/").content.decode()

    images = re.findall(r'<img[^>]*class="card__image"[^>]*>', html)
    assert len(images) == 3
    assert 'loading="eager"' in images[0] and 'fetchpriority="high"' in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


def test_a_footer_edit_shows_on_the_next_page_for_everyone(client, site):
    client.force_login(learner())
    client.get("/dashboard/")  # the footer is now rendered and remembered
    settings = SiteSettings.for_site(site.home.get_site())
    settings.footer_text = "Open every weekday"
    settings.save()

    assert "Open every weekday" in client.get("/dashboard/").content.decode()
    client.logout()
    assert "Open every weekday" in client.get("/courses/").content.decode()
