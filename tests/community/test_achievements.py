"""Points once per real event, streaks in the learner's calendar, badges
staff define and a task awards, and opt-in leaderboards."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services
from community.models import Badge, BadgeAward, Streak, XPEvent
from community.services.achievements import (
    advance_streak,
    award_points,
    current_streak,
    local_day,
)
from demo.media.pictures import badge_image
from learners import services as learning
from learners.models import Notification, Profile
from tests.learners.factories import learner

from .factories import asked, course_with_lessons, member

pytestmark = pytest.mark.django_db
Reason = XPEvent.Reason


@pytest.fixture
def course(catalogue):
    return course_with_lessons(catalogue)


def complete_first_lesson(user, course, on_commit):
    with on_commit(execute=True):
        return learning.complete_lesson(user, course.syllabus.lessons[0], manual=True)


def test_completing_a_lesson_earns_points_once(
    course, django_capture_on_commit_callbacks
):
    ada = member(course, username="ada")

    progress = complete_first_lesson(ada, course, django_capture_on_commit_callbacks)
    complete_first_lesson(ada, course, django_capture_on_commit_callbacks)

    (event,) = XPEvent.objects.filter(user=ada)
    assert (event.reason, event.object_id, event.points) == (
        Reason.LESSON_COMPLETED,
        progress.pk,
        10,
    )


def test_an_event_replayed_five_times_awards_once(course):
    ada = member(course, username="ada")
    at = timezone.now().isoformat()

    results = [
        award_points(ada.pk, Reason.LESSON_COMPLETED, 41, course.pk, at)
        for _ in range(5)
    ]

    assert [bool(result) for result in results] == [True, False, False, False, False]
    assert XPEvent.objects.filter(user=ada).count() == 1
    assert Streak.objects.get(user=ada).current == 1


def test_completing_the_course_earns_the_course_points(
    course, django_capture_on_commit_callbacks
):
    ada = member(course, username="ada")

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in course.syllabus.lessons:
            learning.complete_lesson(ada, lesson, manual=True)

    reasons = sorted(XPEvent.objects.filter(user=ada).values_list("reason", flat=True))
    assert reasons == ["course_completed", "lesson_completed", "lesson_completed"]


def test_an_accepted_answer_earns_its_author_points_but_not_self_acceptance(
    course, django_capture_on_commit_callbacks
):
    asker, helper = member(course, username="asker"), member(course, username="helper")
    question = asked(asker, course)
    helpful = services.answer_question(helper, question, body="Low E first.")
    own = services.answer_question(asker, question, body="Or by ear.")

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(asker, own)
        services.accept_answer(asker, helpful)

    assert list(XPEvent.objects.values_list("user__username", "reason", "points")) == [
        ("helper", "answer_accepted", 15)
    ]


def day(text):
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("days", "current", "best"),
    [
        (["2026-03-01"], 1, 1),
        (["2026-03-01", "2026-03-01"], 1, 1),  # twice the same day
        (["2026-03-01", "2026-03-02", "2026-03-03"], 3, 3),
        (["2026-03-01", "2026-03-02", "2026-03-04"], 1, 2),  # a missed day
        (["2026-03-01", "2026-03-03", "2026-03-02"], 1, 1),  # a late report
        (["2026-02-28", "2026-03-01"], 2, 2),  # across a month's end
        (["2026-03-01", "2026-03-02", "2026-03-05", "2026-03-06", "2026-03-07"], 3, 3),
    ],
)
def test_streaks_count_days_in_a_row(days, current, best):
    state = (0, 0, None)
    for learned in days:
        state = advance_streak(*state, day(learned))

    assert state[:2] == (current, best)


@pytest.mark.parametrize(
    ("moments", "time_zone", "current"),
    [
        # 23:30 and 00:30 UTC are one day apart in UTC...
        (["2026-03-01T23:30", "2026-03-02T00:30"], "UTC", 2),
        # ...but the same evening in New York (UTC-5): one day.
        (["2026-03-01T23:30", "2026-03-02T00:30"], "America/New_York", 1),
        # 13:00 and 16:00 UTC are one day in UTC, two in Tokyo (UTC+9).
        (["2026-03-01T13:00", "2026-03-01T16:00"], "Asia/Tokyo", 2),
        (["2026-03-01T13:00", "2026-03-01T16:00"], "UTC", 1),
        # A missed day in the learner's calendar breaks it.
        (["2026-03-01T12:00", "2026-03-03T12:00"], "Europe/Paris", 1),
        # An unknown zone counts in UTC.
        (["2026-03-01T23:30", "2026-03-02T00:30"], "Mars/Olympus", 2),
    ],
)
def test_streaks_follow_the_learners_time_zone(course, moments, time_zone, current):
    ada = member(course, username="ada")
    Profile.objects.update_or_create(user=ada, defaults={"time_zone": "UTC"})
    Profile.objects.filter(user=ada).update(time_zone=time_zone)

    for n, moment in enumerate(moments):
        at = datetime.fromisoformat(moment).replace(tzinfo=UTC)
        award_points(ada.pk, Reason.LESSON_COMPLETED, n, course.pk, at.isoformat())

    assert Streak.objects.get(user=ada).current == current


@pytest.mark.parametrize(
    ("last_day", "today", "shown"),
    [
        ("2026-03-05", "2026-03-05", 4),
        ("2026-03-04", "2026-03-05", 4),
        ("2026-03-03", "2026-03-05", 0),
    ],
)
def test_a_streak_stays_alive_until_a_whole_day_is_missed(last_day, today, shown):
    streak = Streak(current=4, best=6, last_day=day(last_day))

    assert current_streak(streak, day(today)) == shown


def test_local_day_is_the_learners_calendar_day():
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)

    assert local_day(moment, "Asia/Tokyo") == date(2026, 3, 2)
    assert local_day(moment, "America/Los_Angeles") == date(2026, 3, 1)


def test_a_badge_staff_defined_is_awarded_once_by_the_task_and_told(
    course, django_capture_on_commit_callbacks
):
    first = Badge.objects.create(
        name="First steps", description="Complete a lesson.", rule="lessons_completed"
    )
    Badge.objects.create(
        name="Marathon",
        description="Ten lessons.",
        rule="lessons_completed",
        threshold=10,
    )
    ada = member(course, username="ada")

    complete_first_lesson(ada, course, django_capture_on_commit_callbacks)
    services.achievements.award_badges(ada.pk)

    (award,) = BadgeAward.objects.filter(user=ada)
    assert award.badge == first
    notification = Notification.objects.get(user=ada, kind="badge_earned")
    assert notification.title == "You earned the “First steps” badge"


def test_perfect_quizzes_and_streaks_earn_their_badges(course):
    perfect = Badge.objects.create(
        name="Flawless", description="A quiz at 100%.", rule="perfect_quizzes"
    )
    steady = Badge.objects.create(
        name="Steady", description="3 days in a row.", rule="streak_days", threshold=3
    )
    ada = member(course, username="ada")
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    award_points(ada.pk, Reason.QUIZ_PASSED, 1, course.pk, start, score_percent=80)
    assert services.achievements.award_badges(ada.pk) == []

    award_points(
        ada.pk, Reason.QUIZ_PASSED, 2, course.pk, start + timedelta(days=1), 100
    )
    award_points(
        ada.pk, Reason.LESSON_COMPLETED, 3, course.pk, start + timedelta(days=2)
    )

    earned = {award.badge for award in services.achievements.award_badges(ada.pk)}
    assert earned == {perfect, steady}


def test_the_dashboard_shows_points_streak_and_badges(
    client, course, django_capture_on_commit_callbacks
):
    Badge.objects.create(
        name="First steps", description="Complete a lesson.", rule="lessons_completed"
    )
    ada = member(course, username="ada")
    complete_first_lesson(ada, course, django_capture_on_commit_callbacks)
    client.force_login(ada)

    page = client.get("/dashboard/").content.decode()

    assert "First steps" in page
    assert "You learned today: your streak is safe." in page


def test_the_dashboard_counts_the_last_30_days_points_apart(course):
    ada = member(course, username="ada")
    now = timezone.now()
    award_points(
        ada.pk, Reason.LESSON_COMPLETED, 1, course.pk, now - timedelta(days=31)
    )
    award_points(ada.pk, Reason.QUIZ_PASSED, 2, course.pk, now - timedelta(days=2))

    shown = services.achievements_for(ada, timezone.localdate())

    assert (shown.points, shown.points_recent) == (30, 20)
    assert (shown.streak, shown.best_streak) == (0, 1)


def test_the_dashboard_reads_badges_in_the_same_queries_however_many(client, course):
    ada = member(course, username="ada")
    client.force_login(ada)

    def earn(*names):
        for name in names:
            medal = badge_image(name, "#1f7a4d", "1")
            badge = Badge.objects.create(name=name, description="-", image=medal)
            BadgeAward.objects.create(badge=badge, user=ada)

    def dashboard_queries():
        client.get("/dashboard/")  # the worker reads the badges once
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/dashboard/").content.decode()
        return page, len(queries)

    earn("First steps")
    Badge.objects.create(name="Marathon", description="-", threshold=100)
    page, few = dashboard_queries()
    earn("Second", "Third", "Fourth")
    Badge.objects.create(name="Helper", description="-", threshold=50)
    more, many = dashboard_queries()

    assert many == few
    assert "badge-first-steps" in page and "Marathon" in page
    earned = more[more.index("Your badges") : more.index("Badges to earn")]
    assert earned.count("badge-card__image") == 4
    assert "Helper" in more[more.index("Badges to earn") :]


def test_a_badge_edited_in_the_admin_shows_at_once(client, course):
    ada = member(course, username="ada")
    client.force_login(ada)
    badge = Badge.objects.create(name="Marathon", description="-", threshold=100)
    assert "Marathon" in client.get("/dashboard/").content.decode()

    badge.name = "Ultra marathon"
    badge.save()
    renamed = client.get("/dashboard/").content.decode()
    badge.delete()
    deleted = client.get("/dashboard/").content.decode()

    assert "Ultra marathon" in renamed
    assert "marathon" not in deleted


def test_leaderboards_list_only_those_who_opted_in_by_display_name(client, course):
    shy = member(course, username="shy", email="shy@example.com", first_name="Sam")
    bold = member(course, username="bold", email="bold@example.com", first_name="Bo")
    Profile.objects.update_or_create(
        user=bold, defaults={"show_on_leaderboard": True, "display_name": "Bo the Bold"}
    )
    now = timezone.now()
    award_points(shy.pk, Reason.COURSE_COMPLETED, 1, course.pk, now)
    award_points(bold.pk, Reason.LESSON_COMPLETED, 2, course.pk, now)
    award_points(
        bold.pk, Reason.COURSE_COMPLETED, 3, course.pk, now - timedelta(days=31)
    )
    client.force_login(bold)

    for url in ("/leaderboard/", f"{course.url}leaderboard/"):
        page = client.get(url).content.decode()
        assert "Bo the Bold" in page, url
        assert "Sam" not in page and "shy" not in page and "@example.com" not in page
        assert '<td class="num">10</td>' in page  # the old 100 are outside 30 days


def test_a_course_leaderboard_counts_that_course_and_needs_access(client, catalogue):
    guitar, piano = (
        course_with_lessons(catalogue),
        course_with_lessons(catalogue, "piano"),
    )
    bold = member(guitar, username="bold", first_name="Bo")
    Profile.objects.update_or_create(user=bold, defaults={"show_on_leaderboard": True})
    award_points(bold.pk, Reason.LESSON_COMPLETED, 1, piano.pk, timezone.now())
    client.force_login(bold)

    assert (
        "Nobody is on the leaderboard yet."
        in client.get(f"{guitar.url}leaderboard/").content.decode()
    )
    assert client.get(f"{piano.url}leaderboard/").status_code == 403
    client.force_login(learner(username="outsider"))
    assert client.get(f"{guitar.url}leaderboard/").status_code == 403


@pytest.mark.parametrize(
    "payload", ['<img src=x onerror="alert(1)">', "<script>x</script>"]
)
def test_a_hostile_display_name_is_inert_on_the_leaderboards(client, course, payload):
    from .test_question_safety import active_content

    bold = member(course, username="bold")
    Profile.objects.update_or_create(
        user=bold, defaults={"show_on_leaderboard": True, "display_name": payload}
    )
    award_points(bold.pk, Reason.LESSON_COMPLETED, 1, course.pk, timezone.now())
    client.force_login(bold)

    for url in ("/leaderboard/", f"{course.url}leaderboard/"):
        page = client.get(url).content.decode()
        assert active_content(page) == [], url
        assert "&lt;" in page


def test_staff_define_badges_in_the_admin_and_see_who_earned_them(client, course):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "x")
    client.force_login(admin)

    response = client.post(
        "/admin/snippets/community/badge/add/",
        {
            "name": "First steps",
            "description": "Complete a lesson.",
            "rule": "lessons_completed",
            "threshold": "1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    ada = member(course, username="ada")
    award_points(ada.pk, Reason.LESSON_COMPLETED, 1, course.pk, timezone.now())
    services.achievements.award_badges(ada.pk)

    listing = client.get("/admin/snippets/community/badge/").content.decode()
    assert "First steps" in listing
    assert BadgeAward.objects.filter(user=ada, badge__name="First steps").exists()
    client.force_login(ada)
    assert client.get("/admin/snippets/community/badge/").status_code in (302, 403)
