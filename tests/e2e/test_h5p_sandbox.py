"""An instructor's H5P package is hostile: its script tries to read the
site's cookies, the lesson page and the admin while an administrator plays
it. The sandboxed player gives it nothing."""

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from playwright.sync_api import expect

from demo.media.h5p import build_h5p
from learners.models import Enrollment
from lessons.models import H5PPackage
from tests.courses.factories import CoursePageFactory, SectionPageFactory, build_site
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory
from tests.lessons.h5p_check_package import LIBRARY_JSON, SEMANTICS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Each probe writes what it got into the activity, for the test to read.
PROBE_JS = """
var H5P = H5P || {};
H5P.CoursewrightProbe = (function () {
  function Probe() { H5P.EventDispatcher.call(this); }
  Probe.prototype = Object.create(H5P.EventDispatcher.prototype);
  Probe.prototype.constructor = Probe;
  function report(root, name, value) {
    var line = document.createElement("p");
    line.setAttribute("data-probe", name);
    line.textContent = name + ": " + value;
    root.appendChild(line);
  }
  function attempt(root, name, read) {
    try {
      Promise.resolve(read()).then(
        function (value) { report(root, name, "got " + value); },
        function () { report(root, name, "blocked"); }
      );
    } catch (error) {
      report(root, name, "blocked");
    }
  }
  Probe.prototype.attach = function ($container) {
    var root = $container.get ? $container.get(0) : $container[0];
    attempt(root, "cookie", function () { return document.cookie || "blocked"; });
    attempt(root, "lesson page", function () { return window.parent.document.cookie; });
    attempt(root, "top page", function () { return window.top.location.href; });
    // The player's address is on the site's host, so "/admin/" is the admin.
    attempt(root, "admin", function () {
      return fetch("/admin/", { credentials: "include" })
        .then(function (response) { return response.text(); })
        .then(function (text) { return text.slice(0, 40); });
    });
  };
  return Probe;
})();
"""


@pytest.fixture
def hostile_lesson(live_server):
    library = {**LIBRARY_JSON, "machineName": "H5P.CoursewrightProbe"}
    data = build_h5p(
        library,
        SEMANTICS,
        {"check.js": PROBE_JS.encode()},
        {"question": "?", "correct": "true"},
        "Probe",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        package = H5PPackage.objects.create(
            title="Probe", file=ContentFile(data, name="p.h5p")
        )
    course = CoursePageFactory(parent=build_site().catalogue, title="Geo", slug="geo")
    section = SectionPageFactory(parent=course, slug="s")
    lesson = LessonPageFactory(
        parent=section,
        slug="probe",
        title="Probe",
        body=[{"type": "h5p", "id": "h1", "value": {"package": package.pk}}],
    )
    lesson.save_revision().publish()
    admin = learner(username="boss", email="boss@example.com")
    admin.is_staff = admin.is_superuser = True
    admin.set_password("the-whole-site")
    admin.save()
    enrolled(admin, course)
    return lesson


def test_a_package_script_cannot_read_cookies_the_page_or_the_admin(
    live_server, hostile_lesson, page
):
    page.goto(live_server.url + "/accounts/login/?next=/courses/geo/s/probe/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("boss@example.com")
    form.locator("input[name=password]").fill("the-whole-site")
    form.get_by_role("button", name="Log in").click()
    assert any(c["name"] == "sessionid" for c in page.context.cookies())

    activity = page.frame_locator(".h5p-block__player iframe")
    probes = activity.locator("[data-probe]")
    expect(probes).to_have_count(4, timeout=10_000)

    assert sorted(probes.all_inner_texts()) == [
        "admin: blocked",
        "cookie: blocked",
        "lesson page: blocked",
        "top page: blocked",
    ]


def test_staff_not_enrolled_play_a_preview_that_sends_nothing(
    live_server, hostile_lesson, page
):
    Enrollment.objects.filter(user__username="boss").delete()
    sent = []
    page.on(
        "request",
        lambda request: sent.append(request.url) if "/h5p/h1/" in request.url else None,
    )
    page.goto(live_server.url + "/accounts/login/?next=/courses/geo/s/probe/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("boss@example.com")
    form.locator("input[name=password]").fill("the-whole-site")
    form.get_by_role("button", name="Log in").click()

    expect(page.get_by_text("A preview: the activity plays")).to_be_visible()
    activity = page.frame_locator(".h5p-block__player iframe")
    expect(activity.locator("[data-probe]")).to_have_count(4, timeout=10_000)

    assert sent == []  # no statement, no saved state
