"""axe-core (npm) run in Chromium on the main pages: no serious or critical
accessibility violations."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory
from tests.translations import translate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def site_with_courses(live_server):
    catalogue = build_site().catalogue
    free = CoursePageFactory(parent=catalogue, slug="free", title="Free course")
    paid = CoursePageFactory(
        parent=catalogue,
        slug="paid",
        title="Paid course",
        pricing_type="paid",
        price=900,
    )
    for course in (free, paid):
        section = SectionPageFactory(parent=course, slug="s", title="Start")
        LessonPageFactory(
            parent=section,
            slug="one",
            title="First lesson",
            free_preview=True,
            body=[{"type": "rich_text", "id": "r", "value": {"content": "<p>Hi.</p>"}}],
        )
    user = learner(username="axe", email="axe@example.com")
    user.set_password("accessible-for-everyone")
    user.save()
    enrolled(user, free)
    return free, paid


def serious_violations(page):
    # Evaluated, not added as an inline script, which the site's
    # Content-Security-Policy refuses.
    page.evaluate(AXE.read_text())
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("axe@example.com")
    form.locator("input[name=password]").fill("accessible-for-everyone")
    form.get_by_role("button", name="Log in").click()


def test_public_pages_have_no_serious_violations(live_server, site_with_courses, page):
    for path in ("/", "/courses/", "/courses/paid/", "/courses/free/s/one/"):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path


def test_pages_in_other_languages_have_no_serious_violations(
    live_server, site_with_courses, page
):
    free, _paid = site_with_courses
    french = Locale.objects.create(language_code="fr")
    translate(free, french, {"Free course": "Cours gratuit", "Hi.": "Salut."})
    for path in (
        "/fr/",
        "/fr/courses/",
        "/fr/courses/free/",
        "/fr/courses/free/s/one/",
    ):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "fr", path
        assert serious_violations(page) == [], path
    log_in(page, live_server)
    page.goto(live_server.url + "/af/dashboard/")
    assert page.get_by_role("heading", name="My leer").is_visible()
    assert serious_violations(page) == [], "Afrikaans dashboard"


def test_learner_pages_have_no_serious_violations(live_server, site_with_courses, page):
    log_in(page, live_server)
    page.goto(live_server.url + "/dashboard/")
    assert serious_violations(page) == [], "dashboard"
    page.goto(live_server.url + "/accounts/data/")
    assert serious_violations(page) == [], "your data"
    page.goto(live_server.url + "/courses/free/questions/")
    assert serious_violations(page) == [], "questions"
    page.get_by_label("Title").fill("Where do I start?")
    page.get_by_label("Your question").fill("With the *first* lesson?")
    page.get_by_role("button", name="Post your question").click()
    page.wait_for_url("**/questions/*/")
    assert serious_violations(page) == [], "a question"
    page.goto(live_server.url + "/courses/free/reviews/")
    assert serious_violations(page) == [], "reviews"
    for path in (
        "/notifications/",
        "/accounts/profile/",
        "/leaderboard/",
        "/courses/free/leaderboard/",
        "/courses/free/announcements/",
    ):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path

    page.goto(live_server.url + "/courses/paid/")
    page.get_by_role("button", name="Buy this course").click()
    page.wait_for_url("**/payments/test-gateway/**")
    assert serious_violations(page) == [], "checkout"


def test_organisation_and_cohort_pages_have_no_serious_violations(
    live_server, site_with_courses, page
):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from courses.models import Cohort
    from organisations.models import Membership, Organisation
    from organisations.services.seats import add_seats, assign_seat

    free, paid = site_with_courses
    manager = get_user_model().objects.get(username="axe")
    org = Organisation.objects.create(name="Acme", slug="acme", tax_number="T1")
    Membership.objects.create(organisation=org, user=manager, role="manager")
    licence = add_seats(org, paid, 3)
    assign_seat(licence, manager, due_on=timezone.localdate() - timedelta(days=1))
    for name, days in (("Spring", 20), ("Autumn", 200)):
        Cohort.objects.create(
            course=paid, name=name, starts_at=timezone.now() + timedelta(days=days)
        )
    log_in(page, live_server)

    for path in (
        "/organisations/acme/",
        "/organisations/acme/members/",
        f"/organisations/acme/seats/{licence.pk}/",
        "/organisations/acme/report/",
        "/courses/free/",
    ):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path
    page.context.clear_cookies()
    page.goto(live_server.url + "/courses/paid/")
    assert serious_violations(page) == [], "a cohort course, as a visitor"


def test_programme_pages_have_no_serious_violations(
    live_server, site_with_courses, page
):
    from learners.models import Enrollment
    from learners.services.programmes import join_programme
    from tests.courses.factories import build_programme

    free, paid = site_with_courses
    catalogue = free.get_parent().specific
    bundle = build_programme(
        catalogue, [free, paid], slug="path", title="Path", price=500, currency="USD"
    )
    free_path = build_programme(
        catalogue, [free], slug="free-path", title="Free path", pricing_type="free"
    )
    join_programme(
        learner(username="other"), free_path, Enrollment.Source.FREE
    )  # a programme someone is in
    for path in ("/courses/", bundle.url):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], f"{path}, as a visitor"
    log_in(page, live_server)
    from django.contrib.auth import get_user_model

    join_programme(
        get_user_model().objects.get(username="axe"), free_path, Enrollment.Source.FREE
    )
    for path in (bundle.url, free_path.url, "/dashboard/"):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path
