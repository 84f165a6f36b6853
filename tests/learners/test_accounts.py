"""Accounts: sign-up with e-mail, verification, roles, rate limits, profile."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase

from home.roles import ALL_ROLES
from learners.models import Profile
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


def sign_up(client, email="new@example.com"):
    # Account mail is queued after commit; run those callbacks here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/accounts/signup/",
            {
                "name": "Ada  Lovelace ",
                "email": email,
                "password1": "a-long-safe-passphrase",
                "password2": "a-long-safe-passphrase",
            },
        )


def test_the_roles_exist_and_only_staff_roles_open_the_admin():
    groups = {group.name: group for group in Group.objects.filter(name__in=ALL_ROLES)}

    assert set(groups) == set(ALL_ROLES)
    can_open_admin = {
        name: group.permissions.filter(codename="access_admin").exists()
        for name, group in groups.items()
    }
    assert can_open_admin == {
        "Students": False,
        "Instructors": True,
        "Moderators": True,
    }


def test_signing_up_makes_a_student_with_an_unverified_address(client, site):
    response = sign_up(client)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.com")
    assert list(user.groups.values_list("name", flat=True)) == ["Students"]
    assert not EmailAddress.objects.get(user=user).verified
    assert Profile.objects.get(user=user).display_name == "Ada Lovelace"
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")
    assert "Confirm" in mail.outbox[0].subject or "confirm" in mail.outbox[0].body


def test_the_welcome_mail_links_the_profile_with_an_absolute_address(
    client, site, settings
):
    sign_up(client)

    html = mail.outbox[0].alternatives[0][0]
    assert f'href="{settings.SITE_URL}/accounts/profile/"' in html
    assert 'href="/' not in html


def test_the_verification_link_verifies_the_address(client, site):
    sign_up(client)
    link = re.search(
        r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body
    )

    client.post(link.group(0).split("testserver", 1)[-1])

    assert EmailAddress.objects.get(email="new@example.com").verified


def test_account_pages_use_the_site_layout(client, site):
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        html = client.get(url).content.decode()
        assert 'class="skip-link"' in html, url
        assert 'class="site-footer"' in html, url
        assert '<meta name="robots" content="noindex">' in html, url


def test_repeated_failed_logins_are_paused_with_a_clear_message(client, site):
    user = learner(username="target", email="target@example.com")
    user.set_password("right-password-1")
    user.save()
    other_client = Client()
    assert (
        other_client.post(
            "/accounts/login/",
            {"login": "target@example.com", "password": "right-password-1"},
        ).status_code
        == 302
    )
    for _ in range(5):
        client.post(
            "/accounts/login/", {"login": "target@example.com", "password": "wrong"}
        )

    # Paused: even the right password is refused until the window passes.
    response = client.post(
        "/accounts/login/",
        {"login": "target@example.com", "password": "right-password-1"},
    )

    assert (
        "Too many failed login attempts. Try again later." in response.content.decode()
    )
    assert response.status_code == 429 and response["Retry-After"] == "300"
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_are_rate_limited(client, site):
    learner(username="forgetful", email="forgetful@example.com")
    statuses = [
        client.post(
            "/accounts/password/reset/", {"email": "forgetful@example.com"}
        ).status_code
        for _ in range(6)
    ]
    last = client.post("/accounts/password/reset/", {"email": "forgetful@example.com"})

    assert statuses[-1] == 429 and last.status_code == 429
    assert last["Retry-After"] == "60" and "Too many attempts" in last.content.decode()
    assert len(mail.outbox) <= 5


def test_a_learner_edits_their_profile(client, site):
    user = learner(username="editor")
    client.force_login(user)

    response = client.post(
        "/accounts/profile/",
        {
            "display_name": "Ada L.",
            "bio": "I like maths.",
            "time_zone": "Africa/Johannesburg",
        },
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.time_zone) == (
        "Ada L.",
        "Africa/Johannesburg",
    )


def test_an_oversized_or_fake_avatar_is_refused(client, site):
    client.force_login(learner(username="artist"))
    fake = SimpleUploadedFile(
        "me.png", b"not really an image", content_type="image/png"
    )

    response = client.post(
        "/accounts/profile/", {"display_name": "X", "time_zone": "UTC", "avatar": fake}
    )

    assert response.status_code == 200
    assert "avatar" in response.context["form"].errors
    assert not Profile.objects.exclude(avatar="").exists()


def test_the_profile_needs_a_login(client, site):
    assert client.get("/accounts/profile/").url.startswith("/accounts/login/")


def test_a_student_cannot_open_the_wagtail_admin(client, site):
    student = learner(username="pupil")
    student.groups.add(Group.objects.get(name="Students"))
    client.force_login(student)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_account_pages_speak_the_sites_words(client, site):
    login = client.get("/accounts/login/").content.decode()
    signup = client.get("/accounts/signup/").content.decode()

    assert "<h1>Log in</h1>" in login and "Keep me logged in on this device" in login
    assert "Sign In" not in login and "Remember Me" not in login
    assert "<h1>Create your account</h1>" in signup and "Your name" in signup
    assert signup.index('name="name"') < signup.index('name="email"')
    assert "Sign Up" not in signup


def png(width, height, **info):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1f5f8b").save(buffer, format="PNG", **info)
    return buffer.getvalue()


def test_a_huge_picture_in_a_small_file_is_refused_before_decoding(client, site):
    client.force_login(learner(username="bomber"))
    bomb = SimpleUploadedFile("big.png", png(9400, 9400), content_type="image/png")

    response = client.post(
        "/accounts/profile/", {"display_name": "X", "time_zone": "UTC", "avatar": bomb}
    )

    assert bomb.size < 2 * 1024 * 1024
    assert "4096" in str(response.context["form"].errors["avatar"])
    assert not Profile.objects.exclude(avatar="").exists()


def test_an_avatar_is_redrawn_small_and_without_its_metadata(client, site):
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "-33.92,18.42")
    user = learner(username="sitter")
    client.force_login(user)
    photo = SimpleUploadedFile(
        "me.png", png(1600, 1200, pnginfo=info), content_type="image/png"
    )

    client.post(
        "/accounts/profile/", {"display_name": "X", "time_zone": "UTC", "avatar": photo}
    )

    stored = Profile.objects.get(user=user).avatar
    with Image.open(stored) as image:
        assert max(image.size) == 512
        assert "Location" not in image.info


def test_an_empty_assignment_file_is_refused():
    from learners.uploads import UploadRejected, check_upload

    empty = SimpleUploadedFile("answer.txt", b"", content_type="text/plain")

    with pytest.raises(UploadRejected, match="empty"):
        check_upload(empty, {"txt"}, 1024)
