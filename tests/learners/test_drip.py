"""Drip: lessons that open some days after a learner's start, decided by the
access policy in the learner's own time zone, shown with their date, and
announced when they open."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from courses.models import Cohort
from learners.access import CourseAccess, Level, Reason
from learners.models import Enrollment, Notification, Profile
from learners.services.openings import announce_openings
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

JOHANNESBURG = zoneinfo.ZoneInfo("Africa/Johannesburg")  # UTC+2, no DST
# 23:30 on 1 March in Johannesburg is still 1 March in UTC (21:30).


def utc(day, hour=0, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


ENROLLED_AT = utc(1, 21, 30)


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="dripped")
    first = SectionPageFactory(parent=course, title="Week one")
    second = SectionPageFactory(parent=course, title="Week two", opens_after_days=7)
    LessonPageFactory(parent=first, slug="welcome", title="Welcome")
    LessonPageFactory(parent=first, slug="practice", opens_after_days=3)
    LessonPageFactory(parent=second, slug="week-two", title="Week two begins")
    # The lesson's own delay counts only when longer than its section's.
    LessonPageFactory(parent=second, slug="short", opens_after_days=2)
    return course


def lesson(course, slug):
    return next(item for item in course.syllabus.lessons if item.slug == slug)


def member(course, zone="Africa/Johannesburg"):
    user = learner()
    Profile.objects.update_or_create(user=user, defaults={"time_zone": zone})
    enrollment = enrolled(user, course)
    Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=ENROLLED_AT)
    return user


def answer(user, course, slug, now, zone=JOHANNESBURG):
    return CourseAccess(user, course, now=now, zone=zone).decide(lesson(course, slug))


# Week two opens at the start of 8 March in Johannesburg: 22:00 UTC on 7 March.
@pytest.mark.parametrize(
    ("slug", "now", "level", "opens_on"),
    [
        ("welcome", ENROLLED_AT, Level.FULL, ""),
        ("practice", utc(3, 21, 59), Level.LOCKED, "4 March 2026"),
        ("practice", utc(3, 22, 0), Level.FULL, ""),
        ("week-two", utc(7, 21, 59), Level.LOCKED, "8 March 2026"),
        ("week-two", utc(7, 22, 0), Level.FULL, ""),
        ("week-two", utc(20), Level.FULL, ""),
        ("short", utc(5), Level.LOCKED, "8 March 2026"),
        ("short", utc(8), Level.FULL, ""),
    ],
)
def test_a_dripped_lesson_opens_at_the_start_of_its_day_in_the_learners_zone(
    course, slug, now, level, opens_on
):
    user = member(course)

    decision = answer(user, course, slug, now)

    assert decision.level == level
    assert decision.opens_on == opens_on
    if level == Level.LOCKED:
        assert decision.reason == Reason.SCHEDULED
        assert decision.message == f"This lesson opens on {opens_on}."


def test_the_same_moment_is_another_day_for_a_learner_in_another_zone(course):
    """At 22:00 UTC on 7 March it is already 8 March in Johannesburg, but a
    learner in UTC enrolled on 1 March too, and waits two more hours."""
    user = member(course, zone="UTC")
    moment = utc(7, 22, 0)

    in_utc = answer(user, course, "week-two", moment, zone=zoneinfo.ZoneInfo("UTC"))

    assert in_utc.level == Level.LOCKED
    assert in_utc.opens_on == "8 March 2026"
    assert answer(user, course, "week-two", moment).level == Level.FULL


def test_free_previews_and_the_instructor_never_wait(course):
    preview = lesson(course, "week-two")
    preview.free_preview = True
    before = utc(2)

    assert (
        CourseAccess(member(course), course, now=before).decide(preview).level
        == Level.FULL
    )
    assert (
        CourseAccess(course.instructor, course, now=before)
        .decide(lesson(course, "practice"))
        .level
        == Level.FULL
    )


def test_a_cohort_course_opens_at_the_cohort_start_and_drips_from_it(course, client):
    Cohort.objects.create(
        course=course, name="April", starts_at=datetime(2026, 4, 6, 7, 0, tzinfo=UTC)
    )
    user = learner()
    enrollment = enrolled(user, course)
    assert enrollment.cohort.name == "April"

    before = answer(user, course, "welcome", datetime(2026, 4, 6, 6, 59, tzinfo=UTC))
    at_start = answer(user, course, "welcome", datetime(2026, 4, 6, 7, 0, tzinfo=UTC))
    week_two = answer(user, course, "week-two", datetime(2026, 4, 12, tzinfo=UTC))

    assert (before.level, before.opens_on) == (Level.LOCKED, "6 April 2026 at 09:00")
    assert at_start.level == Level.FULL
    assert (week_two.level, week_two.opens_on) == (Level.LOCKED, "13 April 2026")


def test_the_teaser_syllabus_and_sidebar_say_when_a_lesson_opens(course, client):
    user = member(course)
    client.force_login(user)
    session = client.session
    session["time_zone"] = "Africa/Johannesburg"
    session.save()
    Enrollment.objects.filter(user=user).update(enrolled_at=timezone.now())
    opens = timezone.localtime(timezone.now(), JOHANNESBURG).date()
    week_two = lesson(course, "week-two")

    page = client.get(week_two.url).content.decode()
    syllabus = client.get(course.url).content.decode()

    expected = (opens + (datetime(2026, 1, 8) - datetime(2026, 1, 1))).strftime(
        "%-d %B %Y"
    )
    assert "This lesson is not open yet" in page
    assert f"This lesson opens on {expected}." in page
    assert "Week two begins" in page  # the title, never the body
    assert f"Opens on {expected}" in page  # the sidebar
    assert f"Opens on {expected}" in syllabus
    assert 'lesson-list__item--scheduled"' in syllabus


def test_a_learner_hears_once_when_a_lesson_opens(course):
    user = member(course)

    assert announce_openings(now=utc(3)) == 0
    assert announce_openings(now=utc(4)) == 1
    assert announce_openings(now=utc(5)) == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert announce_openings(now=utc(9)) == 1

    titles = list(
        Notification.objects.filter(user=user, kind="lesson_opened")
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert titles == [
        f"Now open in {course.title}: {lesson(course, 'practice').title}",
        f"Now open in {course.title}: Week two begins",
    ]
    (message,) = mail.outbox
    assert message.subject == f"Now open in {course.title}: Week two begins"
    assert message.to == [user.email]
    assert week_two_url(course) in message.body


def week_two_url(course):
    return lesson(course, "week-two").url
