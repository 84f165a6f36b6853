"""The W3C Nu HTML Checker (npm `vnu-jar`, run with the machine's Java) finds
no errors on the main pages of the seeded demo."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from lti_tool.models import LtiRegistration

from community.models import Question
from learners.models import Certificate
from organisations.models import Invitation, SeatLicence

pytestmark = pytest.mark.django_db

VNU = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
PYTHON = "/courses/python-for-beginners/"
PAGES = {
    "home": ("/", None),
    "catalogue": ("/courses/", None),
    "course": (PYTHON, None),
    "lesson": (f"{PYTHON}getting-started/your-first-program/", "student"),
    "sign-up": ("/accounts/signup/", None),
    "log-in": ("/accounts/login/", None),
    "dashboard": ("/dashboard/", "student"),
    "French course": (f"/fr{PYTHON}", "student"),
    "French lesson": (f"/fr{PYTHON}getting-started/installing-python/", "student"),
    "French dashboard": ("/fr/dashboard/", "student"),
    "Afrikaans catalogue": ("/af/courses/", None),
    "your data": ("/accounts/data/", "student"),
    "questions": (f"{PYTHON}questions/", "student"),
    "reviews": (f"{PYTHON}reviews/", "student"),
    "announcements": (f"{PYTHON}announcements/", "student"),
    "course leaderboard": (f"{PYTHON}leaderboard/", "student"),
    "leaderboard": ("/leaderboard/", "student"),
    "notifications": ("/notifications/", "student"),
    "profile": ("/accounts/profile/", "student"),
    "lti launch step": ("/lti/login/?iss=https%3A%2F%2Flms.example&login_hint=7", None),
}


def html_errors(paths):
    """The checker's errors, as (file, line, message)."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("The HTML checker needs Java and `npm ci` (vnu-jar).")
    result = subprocess.run(  # noqa: S603 - the machine's Java on our own files
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        (Path(m["url"]).name, m.get("lastLine"), m["message"])
        for m in messages
        if m["type"] == "error"
    ]


def test_the_main_pages_are_valid_html(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    thread = Question.objects.filter(course__slug="python-for-beginners").first()
    LtiRegistration.objects.create(
        name="LMS",
        issuer="https://lms.example",
        client_id="c",
        auth_url="https://lms.example/auth",
        token_url="https://lms.example/token",
        keyset_url="https://lms.example/keys",
    )
    certificate = Certificate.objects.first()
    licence = SeatLicence.objects.get()
    invitation = Invitation.objects.get()
    pages = {
        **PAGES,
        "cohort course": ("/courses/writing-for-the-web/", "student"),
        "programme": ("/courses/data-analyst-starter/", None),
        "programme, as a learner": ("/courses/data-analyst-starter/", "student"),
        "organisation": ("/organisations/northwind/", "manager"),
        "members": ("/organisations/northwind/members/", "manager"),
        "seats": (f"/organisations/northwind/seats/{licence.pk}/", "manager"),
        "report": ("/organisations/northwind/report/", "manager"),
        "invitation": (f"/organisations/join/{invitation.token}/", None),
        "question": (f"{PYTHON}questions/{thread.pk}/", "student"),
        "certificate check": (
            f"/certificates/verify/{certificate.verification_code}/",
            None,
        ),
    }
    files = []
    for name, (path, user) in pages.items():
        client = Client()
        if user:
            client.force_login(get_user_model().objects.get(username=user))
        response = client.get(path)
        assert response.status_code == 200, path
        page = tmp_path / f"{name}.html"
        page.write_bytes(response.content)
        files.append(page)

    errors = html_errors(files)
    assert errors == [], "\n".join(map(str, errors))
