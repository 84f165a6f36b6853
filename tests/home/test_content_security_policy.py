"""Every page carries the site's Content-Security-Policy: scripts only from
the site, frames only from what the page embeds, a report-only switch."""

import json
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from tests.home.csp import directives

pytestmark = pytest.mark.django_db

PAGES = ["/", "/courses/", "/accounts/login/", "/accounts/signup/", "/accounts/data/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_allows_scripts_only_from_the_site(client, catalogue, url):
    policy = directives(client.get(url)["Content-Security-Policy"])

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] + policy["style-src-elem"]


def test_the_admin_may_run_inline_code_and_nothing_else_changes(client, catalogue):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])

    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["connect-src"] == "'self'"


def test_a_page_that_asks_for_a_nonce_gets_one_in_its_policy(settings):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    request = RequestFactory().get("/")
    middleware = CSPMiddleware(lambda request: HttpResponse(str(request.csp_nonce)))
    middleware.process_request(request)
    nonce = str(request.csp_nonce)  # what a template with an inline script does
    response = middleware.process_response(request, HttpResponse())

    assert (
        f"'nonce-{nonce}'"
        in directives(response["Content-Security-Policy"])["script-src"]
    )


def test_the_report_only_switch_reports_instead_of_blocking():
    script = (
        "import json, coursesite.settings.base as s;"
        "print(json.dumps([hasattr(s, 'CONTENT_SECURITY_POLICY'),"
        " s.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['report-uri']]))"
    )
    env = {
        **os.environ,
        "CSP_REPORT_ONLY": "true",
        "CSP_REPORT_URI": "https://reports.example.org/csp",
    }

    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True
    )

    assert json.loads(result.stdout) == [False, "https://reports.example.org/csp"]


def test_a_lesson_with_a_youtube_video_may_load_the_youtube_player_script(
    client, catalogue
):
    from tests.courses.factories import CoursePageFactory, SectionPageFactory
    from tests.lessons.factories import LessonPageFactory

    course = CoursePageFactory(parent=catalogue, slug="yt")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section,
        slug="l",
        free_preview=True,
        body=[
            {
                "type": "video",
                "id": "v",
                "value": {"url": "https://www.youtube.com/watch?v=iYM2zFP3Zn0"},
            }
        ],
    )
    lesson.save_revision().publish()

    policy = directives(client.get(lesson.url)["Content-Security-Policy"])

    assert policy["frame-src"] == "'self' https://www.youtube-nocookie.com"
    assert policy["script-src"] == "'self' https://www.youtube.com"


def test_a_lesson_with_a_pdf_may_show_it_with_the_browsers_viewer(client, catalogue):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from tests.courses.factories import CoursePageFactory, SectionPageFactory
    from tests.lessons.factories import LessonPageFactory

    document = Document.objects.create(
        title="Handout", file=ContentFile(b"%PDF-1.4\n", name="handout.pdf")
    )
    course = CoursePageFactory(parent=catalogue, slug="pdf")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section,
        slug="l",
        free_preview=True,
        body=[{"type": "pdf", "id": "p", "value": {"document": document.pk}}],
    )
    lesson.save_revision().publish()

    lesson_policy = directives(client.get(lesson.url)["Content-Security-Policy"])
    home_policy = directives(client.get("/")["Content-Security-Policy"])

    assert lesson_policy["object-src"] == "'self'"
    assert home_policy["object-src"] == "'none'"
