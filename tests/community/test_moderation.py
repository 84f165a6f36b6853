"""Reports, the moderation queue, hidden posts and bans from posting."""

import pytest
from django.contrib.auth.models import Group

from community import services
from community.models import Answer, CourseBan, Question, Report
from home.models import AuditEntry

from .factories import asked, course_with_lessons, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    course = course_with_lessons(catalogue)
    Group.objects.get(name="Instructors").user_set.add(course.instructor)
    return course


@pytest.fixture
def troll(course):
    return member(course, username="troll")


@pytest.fixture
def reporter(client, course):
    user = member(course, username="reporter")
    client.force_login(user)
    return user


def test_a_report_reaches_the_instructors_queue_and_hiding_decides_it(
    client, course, troll, reporter
):
    question = asked(troll, course, title="Buy cheap watches", body="spam spam")
    response = client.post(
        f"{course.url}questions/{question.pk}/report/",
        {"reason": "spam", "note": "An advert"},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    client.force_login(course.instructor)
    queue = client.get("/admin/community/reports/").content.decode()
    assert "Buy cheap watches" in queue and "An advert" in queue

    client.post(f"/admin/community/reports/{report.pk}/hide/")

    report.refresh_from_db()
    assert report.outcome == "hidden" and report.decided_by == course.instructor
    assert Question.objects.get().is_hidden
    assert AuditEntry.objects.filter(action="post_hidden").exists()
    assert "Buy cheap watches" in client.get(f"{course.url}questions/").content.decode()
    client.force_login(reporter)
    listing = client.get(f"{course.url}questions/").content.decode()
    thread = client.get(f"{course.url}questions/{question.pk}/").content.decode()
    assert "Buy cheap watches" not in listing
    assert "hidden by a moderator" in thread and "spam spam" not in thread


def test_a_dismissed_report_leaves_the_post(client, course, troll, reporter):
    question = asked(troll, course)
    report = services.report_post(reporter, question, reason="abuse")
    client.force_login(course.instructor)

    client.post(f"/admin/community/reports/{report.pk}/dismiss/")

    assert Report.objects.get().outcome == "dismissed"
    assert not Question.objects.get().is_hidden
    assert (
        "No reports waiting" in client.get("/admin/community/reports/").content.decode()
    )


def test_reporting_twice_keeps_one_open_report(course, troll, reporter):
    question = asked(troll, course)

    first = services.report_post(reporter, question, reason="spam")
    again = services.report_post(reporter, question, reason="abuse")

    assert first.pk == again.pk
    assert Report.objects.count() == 1
    with pytest.raises(services.CommunityError):
        services.report_post(troll, question, reason="spam")


def test_another_instructor_neither_sees_nor_decides_the_report(
    client, catalogue, course, troll, reporter
):
    report = services.report_post(reporter, asked(troll, course), reason="spam")
    other = course_with_lessons(catalogue, slug="piano")
    Group.objects.get(name="Instructors").user_set.add(other.instructor)
    client.force_login(other.instructor)

    assert (
        "How do I tune?" not in client.get("/admin/community/reports/").content.decode()
    )
    response = client.post(f"/admin/community/reports/{report.pk}/hide/")

    assert response.status_code == 404
    assert not Question.objects.get().is_hidden


def test_a_learner_cannot_hide_or_ban(client, course, troll, reporter):
    question = asked(troll, course)

    for action in ("hide", "ban"):
        response = client.post(f"{course.url}questions/{question.pk}/{action}/")
        assert response.status_code == 403
    assert not Question.objects.get().is_hidden and not CourseBan.objects.exists()
    assert client.get("/admin/community/reports/").status_code in (302, 403)


def test_a_banned_learner_reads_but_cannot_post(client, course, troll, reporter):
    question = asked(reporter, course)
    services.ban_from_posting(course.instructor, course, troll)
    client.force_login(troll)

    listing = client.get(f"{course.url}questions/")
    assert listing.status_code == 200
    assert "stopped you from posting" in listing.content.decode()
    assert (
        client.post(f"{course.url}questions/{question.pk}/", {"body": "hi"}).status_code
        == 403
    )
    assert (
        client.post(f"{course.url}questions/", {"title": "t", "body": "b"}).status_code
        == 403
    )
    assert client.post(f"{course.url}questions/{question.pk}/vote/").status_code == 403
    assert Answer.objects.count() == 0 and Question.objects.count() == 1
    assert AuditEntry.objects.filter(action="community_ban").count() == 1
    services.lift_ban(course.instructor, course, troll)
    assert (
        client.post(f"{course.url}questions/{question.pk}/", {"body": "hi"}).status_code
        == 302
    )


def test_the_instructor_cannot_be_banned(course, troll):
    moderator = member(course, username="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    with pytest.raises(services.CommunityError):
        services.ban_from_posting(moderator, course, course.instructor)


def test_a_hidden_question_takes_no_answers(course, troll, reporter):
    question = asked(troll, course)
    services.hide_post(course.instructor, question)

    with pytest.raises(services.CommunityError):
        services.answer_question(reporter, Question.objects.get(), body="hi")

    services.restore_post(course.instructor, question)
    services.answer_question(reporter, Question.objects.get(), body="hi")
    assert Answer.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(2)">',
        "<svg onload=alert(3)>",
    ],
)
def test_hostile_reports_and_posts_are_inert_in_the_admin_queue(
    client, course, troll, reporter, payload
):
    question = asked(troll, course, title=payload, body=payload)
    services.report_post(reporter, question, reason="other", note=payload)
    client.force_login(course.instructor)

    html = client.get("/admin/community/reports/").content.decode()

    # The admin has icons and scripts of its own: the payload must only
    # appear escaped, as text.
    assert payload not in html
    assert "&lt;" in html and "alert(" in html
