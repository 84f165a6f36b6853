"""The bell: what arrives, as each person chose, once; the page, marking
read, the live count, the digest, and a new lesson told to its course."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from community import services
from learners import notifications
from learners.models import Notification, NotificationPreference, Profile
from learners.tasks import send_digests_task
from tests.conftest import run_periodic
from tests.lessons.factories import LessonPageFactory

from .factories import asked, course_with_lessons, member
from .test_question_safety import active_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return course_with_lessons(catalogue)


@pytest.fixture
def asker(course):
    user = member(course, username="asker", email="asker@example.com")
    # Enrolling told them so; these tests start from an empty bell.
    Notification.objects.all().delete()
    return user


def answered(course, asker, body="Start with the low E.", **ask):
    question = asked(asker, course, **ask)
    return services.answer_question(course.instructor, question, body=body)


def test_an_answer_reaches_the_askers_bell_and_inbox(
    client, course, asker, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = answered(course, asker)

    notification = Notification.objects.get(user=asker)
    assert notification.kind == "question_answered"
    assert (
        notification.url
        == f"{course.url}questions/{answer.question_id}/#answer-{answer.pk}"
    )
    assert notifications.unread_count(asker) == 1
    assert [mail.subject for mail in mailoutbox] == ["New answer to “How do I tune?”"]
    client.force_login(asker)
    page = client.get("/notifications/").content.decode()
    assert "New answer to “How do I tune?”" in page
    assert 'aria-label="Notifications, 1 unread"' in page


def test_answering_ones_own_question_tells_nobody(course, asker):
    question = asked(asker, course)

    services.answer_question(asker, question, body="Found it myself.")

    assert not Notification.objects.exists()


def test_the_same_event_told_twice_shows_once(course, asker):
    answer = answered(course, asker)

    notifications.notify(asker, "question_answered", answer)

    assert Notification.objects.filter(user=asker).count() == 1


@pytest.mark.parametrize(
    ("channel", "in_bell", "mailed"),
    [("email", True, True), ("app", True, False), ("off", False, False)],
)
def test_each_topic_goes_where_the_person_chose(
    course,
    asker,
    channel,
    in_bell,
    mailed,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    NotificationPreference.objects.create(user=asker, topic="replies", channel=channel)

    with django_capture_on_commit_callbacks(execute=True):
        answered(course, asker)

    assert Notification.objects.filter(user=asker).exists() is in_bell
    assert bool(mailoutbox) is mailed


def test_the_profile_sets_the_choices(client, asker):
    client.force_login(asker)
    form = client.get("/accounts/profile/").content.decode()
    assert 'name="notify_replies"' in form
    assert 'name="notify_payments"' in form

    client.post(
        "/accounts/profile/",
        {"time_zone": "UTC", "notify_replies": "off", "notify_grades": "app"},
    )

    assert notifications.preferences(asker)["replies"] == "off"
    assert notifications.preferences(asker)["grades"] == "app"
    # A choice equal to the default keeps no row.
    assert NotificationPreference.objects.filter(user=asker).count() == 2


def test_the_digest_sends_one_mail_a_day_instead_of_each(
    course, asker, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.update_or_create(user=asker, defaults={"email_digest": True})
    with django_capture_on_commit_callbacks(execute=True):
        answered(course, asker)
        answered(course, asker, title="And the B string?")
    assert mailoutbox == []

    assert run_periodic(send_digests_task) == 1
    assert run_periodic(send_digests_task) == 0

    (digest,) = mailoutbox
    assert digest.subject.endswith("2 new notifications")
    assert "How do I tune?" in digest.body and "And the B string?" in digest.body
    assert not Notification.objects.filter(in_digest=True).exists()


def test_the_unread_count_is_one_cached_query_forgotten_on_change(
    course, asker, django_capture_on_commit_callbacks
):
    answer = answered(course, asker)
    with CaptureQueriesContext(connection) as first:
        assert notifications.unread_count(asker) == 1
    with CaptureQueriesContext(connection) as second:
        assert notifications.unread_count(asker) == 1
    assert (len(first), len(second)) == (1, 0)

    with django_capture_on_commit_callbacks(execute=True):
        notifications.mark_read(asker, Notification.objects.get().pk)
    assert notifications.unread_count(asker) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(
            course.instructor, answer.question, body="Or tune by ear."
        )
    assert notifications.unread_count(asker) == 1


def test_opening_a_notification_marks_it_read_and_goes_there(client, course, asker):
    answer = answered(course, asker)
    notification = Notification.objects.get()
    client.force_login(asker)

    response = client.post(f"/notifications/{notification.pk}/open/")

    assert response["Location"] == answer.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get("/notifications/unread/").json() == {"unread": 0}


def test_nobody_opens_or_reads_anothers_notification(client, course, asker):
    snoop = member(course, username="snoop")
    answered(course, asker)
    notification = Notification.objects.get(user=asker, kind="question_answered")
    client.force_login(snoop)

    response = client.post(f"/notifications/{notification.pk}/open/")

    assert response["Location"] == "/notifications/"
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_stored_link_never_leads_off_the_site(client, asker):
    Notification.objects.create(
        user=asker,
        kind="x",
        topic="replies",
        object_id=1,
        title="t",
        url="//evil.example/",
    )
    client.force_login(asker)

    response = client.post(f"/notifications/{Notification.objects.get().pk}/open/")

    assert response["Location"] == "/"


def test_mark_all_read(client, course, asker):
    answered(course, asker)
    answered(course, asker, title="Second?")
    client.force_login(asker)

    client.post("/notifications/read/")

    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "0 unread" in client.get("/notifications/").content.decode()


def test_the_live_count_needs_a_login(client):
    assert client.get("/notifications/unread/").status_code == 401


def test_the_bell_links_to_the_page_without_javascript(client, asker):
    client.force_login(asker)

    page = client.get("/notifications/").content.decode()

    assert 'class="bell" href="/notifications/"' in page
    assert "Nothing here yet." in page


def test_a_hostile_title_is_inert_in_the_bell(client, course, asker):
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    answered(course, asker, title=payload)
    client.force_login(asker)

    page = client.get("/notifications/").content.decode()

    assert active_content(page) == []
    assert "&lt;script&gt;" in page


def test_the_notifications_page_costs_the_same_for_5_or_60(client, course, asker):
    client.force_login(asker)

    def queries_with(count):
        Notification.objects.bulk_create(
            Notification(
                user=asker,
                kind="k",
                topic="replies",
                object_id=n,
                title=f"n{n}",
                url="/",
            )
            for n in range(Notification.objects.count(), count)
        )
        client.get("/notifications/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/notifications/").status_code == 200
        return len(queries)

    assert queries_with(5) == queries_with(60)


def test_a_new_lesson_is_told_to_the_course_once(
    course, asker, django_capture_on_commit_callbacks
):
    section = Page.objects.get(slug="basics").specific
    lesson = LessonPageFactory.build(slug="strumming", title="Strumming", live=False)
    section.add_child(instance=lesson)

    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()  # a correction: no news

    (notification,) = Notification.objects.filter(kind="new_lesson")
    assert notification.user == asker
    assert notification.title == "New lesson in Guitar: Strumming"


def test_the_digest_leaves_out_what_was_read_in_the_app(
    course, asker, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.update_or_create(user=asker, defaults={"email_digest": True})
    with django_capture_on_commit_callbacks(execute=True):
        answered(course, asker)
    notifications.mark_read(asker)

    assert run_periodic(send_digests_task) == 0

    assert mailoutbox == []
    assert not Notification.objects.filter(in_digest=True).exists()


def test_a_lesson_published_before_someone_enrolled_is_no_news_to_them(
    course, django_capture_on_commit_callbacks
):
    section = Page.objects.get(slug="basics").specific
    lesson = LessonPageFactory.build(slug="strumming", title="Strumming", live=False)
    section.add_child(instance=lesson)
    lesson.save_revision().publish()
    # The task runs after a later enrolment (a queue that was down, say).
    newcomer = member(course, username="newcomer")

    assert notifications.notify_new_lesson(lesson.pk) == 0
    assert not Notification.objects.filter(user=newcomer, kind="new_lesson").exists()
