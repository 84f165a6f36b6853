"""At 390 px (a phone) no page of the main journeys scrolls sideways: wide
code, tables and forms scroll inside their own block."""

import io

import pytest
from django.core.management import call_command

from demo.seed import DEMO_PASSWORD
from organisations.models import SeatLicence

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PYTHON = "/courses/python-for-beginners/"
PAGES_FOR_VISITORS = [
    "/",
    "/courses/",
    PYTHON,
    "/courses/data-analysis-with-sql/",
    "/courses/writing-for-the-web/",
    "/accounts/signup/",
    "/accounts/login/",
    "/payments/plans/",
    "/certificates/verify/",
    # Longer words in other languages, and the translated course.
    "/fr/",
    f"/fr{PYTHON}",
    "/af/courses/",
]
PAGES_FOR_THE_ADMIN = [  # staff open every lesson, locked or not
    f"{PYTHON}getting-started/your-first-program/",  # a code listing
    f"{PYTHON}getting-started/installing-python/",  # fenced code, a PDF
    f"{PYTHON}working-with-data/lists-and-loops/",  # a Markdown table
    f"{PYTHON}working-with-data/check-your-understanding/",  # a quiz
    f"{PYTHON}working-with-data/mini-project/",  # an assignment with a rubric
    f"/fr{PYTHON}working-with-data/check-your-understanding/",  # a French quiz
]
PAGES_FOR_THE_STUDENT = [
    "/dashboard/",
    "/es/dashboard/",
    "/dashboard/purchases/",
    "/accounts/profile/",
    "/accounts/data/",
]
PAGES_FOR_THE_MANAGER = [  # tables of members, seats and progress
    "/organisations/northwind/",
    "/organisations/northwind/members/",
    "/organisations/northwind/report/",
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def too_wide(page, live_server, paths, output_dir):
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            found[path] = width
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=str(output_dir / f"{name}.png"), full_page=True)
    return found


def test_no_page_of_the_main_journeys_scrolls_sideways(
    live_server, settings, phone, output_dir
):
    settings.SITE_URL = live_server.url
    call_command("seed_demo", stdout=io.StringIO())

    wide = too_wide(phone, live_server, PAGES_FOR_VISITORS, output_dir)
    log_in(phone, live_server, "admin@example.com")
    wide |= too_wide(phone, live_server, PAGES_FOR_THE_ADMIN, output_dir)
    phone.context.clear_cookies()
    log_in(phone, live_server, "student@example.com")
    wide |= too_wide(phone, live_server, PAGES_FOR_THE_STUDENT, output_dir)
    phone.context.clear_cookies()
    log_in(phone, live_server, "manager@example.com")
    licence = SeatLicence.objects.get()
    seats = [f"/organisations/northwind/seats/{licence.pk}/"]
    wide |= too_wide(phone, live_server, PAGES_FOR_THE_MANAGER + seats, output_dir)

    assert wide == {}
