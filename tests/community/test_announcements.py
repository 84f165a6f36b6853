"""Announcements: the instructor posts, the course's learners are told once
(now or when scheduled), and only people in the course read them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community import services
from community.models import Announcement
from community.tasks import publish_due_announcements_task
from learners.models import Enrollment, Notification
from tests.conftest import run_periodic
from tests.learners.factories import learner

from .factories import course_with_lessons, member
from .test_question_safety import PAYLOADS, active_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return course_with_lessons(catalogue)


@pytest.fixture
def learners_(course):
    people = [
        member(course, username=f"l{n}", email=f"l{n}@example.com") for n in range(3)
    ]
    Notification.objects.all().delete()
    return people


def announce(course, on_commit, **fields):
    fields = {"title": "Live session", "body": "Friday at **6 pm**.", **fields}
    with on_commit(execute=True):
        return services.post_announcement(course.instructor, course, **fields)


def test_the_instructor_announces_to_every_enrolled_learner(
    course, learners_, mailoutbox, django_capture_on_commit_callbacks
):
    refunded = learners_[2]
    Enrollment.objects.filter(user=refunded).update(status=Enrollment.Status.REFUNDED)

    announcement = announce(course, django_capture_on_commit_callbacks)

    told = Notification.objects.filter(kind="announcement").values_list(
        "user", flat=True
    )
    assert sorted(told) == sorted(user.pk for user in learners_[:2])
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "l0@example.com",
        "l1@example.com",
    ]
    assert mailoutbox[0].subject == "Guitar: Live session"
    announcement.refresh_from_db()
    assert announcement.published_at is not None


def test_without_email_it_reaches_only_the_bell(
    course, learners_, mailoutbox, django_capture_on_commit_callbacks
):
    announce(course, django_capture_on_commit_callbacks, send_email=False)

    assert Notification.objects.filter(kind="announcement").count() == 3
    assert mailoutbox == []


def test_a_scheduled_announcement_waits_then_is_told_once(
    client, course, learners_, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(hours=2)
    announcement = announce(
        course, django_capture_on_commit_callbacks, publish_at=later
    )
    client.force_login(learners_[0])

    assert (
        "Live session" not in client.get(f"{course.url}announcements/").content.decode()
    )
    assert run_periodic(publish_due_announcements_task) == 0

    Announcement.objects.filter(pk=announcement.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    assert run_periodic(publish_due_announcements_task) == 3
    assert run_periodic(publish_due_announcements_task) == 0
    assert services.publish_announcement(announcement.pk) == 0

    assert Notification.objects.filter(kind="announcement").count() == 3
    assert "Live session" in client.get(f"{course.url}announcements/").content.decode()


def test_only_the_instructor_or_a_moderator_announces(client, course, learners_):
    client.force_login(learners_[0])

    response = client.post(
        f"{course.url}announcements/",
        {"title": "Hi", "body": "Spam", "send_email": "on"},
    )

    assert response.status_code == 403
    assert not Announcement.objects.exists()


def test_the_instructor_posts_through_the_page(
    client, course, learners_, django_capture_on_commit_callbacks
):
    client.force_login(course.instructor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{course.url}announcements/",
            {"title": "New chapter", "body": "Read *it*.", "send_email": ""},
        )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Announced to the course" in page and "<em>it</em>" in page
    assert Notification.objects.filter(kind="announcement").count() == 3


def test_people_outside_the_course_cannot_read_them(client, course, learners_):
    client.force_login(learner(username="outsider"))

    assert client.get(f"{course.url}announcements/").status_code == 403
    client.logout()
    assert client.get(f"{course.url}announcements/").status_code == 302


def test_the_course_page_shows_the_latest_to_its_learners_only(
    client, course, learners_, django_capture_on_commit_callbacks
):
    announce(course, django_capture_on_commit_callbacks)

    assert "Live session" not in client.get(course.url).content.decode()
    client.force_login(learners_[0])
    assert "Live session" in client.get(course.url).content.decode()


def test_a_withdrawn_announcement_is_gone(
    client, course, learners_, django_capture_on_commit_callbacks
):
    announcement = announce(course, django_capture_on_commit_callbacks)
    client.force_login(course.instructor)

    client.post(f"{course.url}announcements/{announcement.pk}/withdraw/")

    assert not Announcement.objects.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_announcement_is_inert(
    client, course, learners_, payload, django_capture_on_commit_callbacks
):
    announce(
        course, django_capture_on_commit_callbacks, title=payload[:200], body=payload
    )
    client.force_login(learners_[0])

    for url in (f"{course.url}announcements/", course.url, "/notifications/"):
        assert active_content(client.get(url).content.decode()) == [], url
