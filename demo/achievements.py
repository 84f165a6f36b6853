"""The demo's achievements and announcements: badges staff would define
(with drawn medals), the points the demo's learning history earned on the
days it happened, leaderboards some learners joined, and an announcement in
each course (one still scheduled). Made through the services, once."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import Announcement, Badge, Streak, XPEvent
from community.services import achievements, announcements
from demo import data as demo_data
from demo.languages import demo_courses
from demo.media.pictures import badge_image
from learners.models import Enrollment, LessonProgress, Profile, QuizAttempt

Rule = Badge.Rule
Reason = XPEvent.Reason
BADGES = [
    (
        "First steps",
        "Complete your first lesson.",
        Rule.LESSONS_COMPLETED,
        1,
        "#1f7a4d",
        "1",
    ),
    (
        "Ten lessons",
        "Complete ten lessons.",
        Rule.LESSONS_COMPLETED,
        10,
        "#1f5f8b",
        "10",
    ),
    (
        "Finisher",
        "Complete a whole course.",
        Rule.COURSES_COMPLETED,
        1,
        "#7a3e9d",
        "star",
    ),
    (
        "Five courses",
        "Complete five courses.",
        Rule.COURSES_COMPLETED,
        5,
        "#a4262c",
        "5",
    ),
    ("Week streak", "Learn seven days in a row.", Rule.STREAK_DAYS, 7, "#c25e00", "7"),
    ("Flawless", "Pass a quiz with 100%.", Rule.PERFECT_QUIZZES, 1, "#0b6e75", "check"),
    (
        "Helper",
        "Have ten of your answers accepted.",
        Rule.ACCEPTED_ANSWERS,
        10,
        "#5a6b00",
        "?",
    ),
]
ANNOUNCEMENT = (
    "Welcome, and a live Q&A on Friday",
    "Thank you for joining! On **Friday at 18:00 (UTC)** I will answer your "
    "questions live. Post them in the course's *Questions* beforehand.",
)
SCHEDULED = (
    "New practice exercises next week",
    "A set of extra exercises for every section arrives next week.",
)


def make_badges():
    """The demo's badges, each with its drawn medal (the benchmark's too)."""
    for name, description, rule, threshold, colour, symbol in BADGES:
        Badge.objects.create(
            name=name,
            description=description,
            rule=rule,
            threshold=threshold,
            image=badge_image(name, colour, symbol),
        )


def seed_achievements():
    """Badges, the history's points and streaks, and the awards they earn."""
    if Badge.objects.exists():
        return 0
    make_badges()
    _points_for_history()
    _student_streak()
    users = XPEvent.objects.values_list("user_id", flat=True).distinct()
    for user_id in list(users):
        achievements.award_badges(user_id)
    # Some learners chose to appear on leaderboards; the student did too.
    learners = Profile.objects.filter(user__username__startswith="demo-").order_by("pk")
    Profile.objects.filter(pk__in=[p.pk for p in learners[::2]]).update(
        show_on_leaderboard=True
    )
    Profile.objects.filter(user__username="student").update(show_on_leaderboard=True)
    return Badge.objects.count()


def _points_for_history():
    """The points the history's lessons, quizzes and courses earned, on the
    days they happened (the history was written as rows, not through the
    services that award points now)."""
    done = LessonProgress.objects.filter(
        status=LessonProgress.Status.COMPLETED
    ).select_related("enrollment")
    for progress in done:
        enrollment = progress.enrollment
        achievements.award_points(
            enrollment.user_id,
            Reason.LESSON_COMPLETED,
            progress.pk,
            enrollment.course_id,
            progress.completed_at,
        )
    for attempt in QuizAttempt.objects.filter(passed=True).select_related("enrollment"):
        achievements.award_points(
            attempt.enrollment.user_id,
            Reason.QUIZ_PASSED,
            attempt.pk,
            attempt.enrollment.course_id,
            attempt.submitted_at or timezone.now(),
            attempt.percent,
        )
    for enrollment in Enrollment.objects.filter(completed_at__isnull=False):
        achievements.award_points(
            enrollment.user_id,
            Reason.COURSE_COMPLETED,
            enrollment.pk,
            enrollment.course_id,
            enrollment.completed_at,
        )


def _student_streak():
    """The demo student learned on each of the last few days: their lessons'
    points are dated one day apart, ending today, and the streak follows."""
    student = get_user_model().objects.get(username="student")
    events = list(XPEvent.objects.filter(user=student).order_by("created_at", "pk"))
    today = timezone.now()
    for back, event in enumerate(reversed(events)):
        event.created_at = today - timedelta(days=back)
        event.local_day = event.created_at.date()
    XPEvent.objects.bulk_update(events, ["created_at", "local_day"])
    state = (0, 0, None)
    for day in sorted({event.local_day for event in events}):
        state = achievements.advance_streak(*state, day)
    Streak.objects.update_or_create(
        user=student,
        defaults=dict(zip(("current", "best", "last_day"), state, strict=True)),
    )


def seed_announcements():
    """A published announcement in every demo course, and a scheduled one in
    the student's (learners are told in the app, not by e-mail)."""
    if Announcement.objects.exists():
        return 0
    slugs = [spec["slug"] for spec in demo_data.COURSES]
    for course in demo_courses().filter(slug__in=slugs):
        title, body = ANNOUNCEMENT
        made = announcements.post_announcement(
            course.instructor, course, title=title, body=body, send_email=False
        )
        announcements.publish_announcement(made.pk)
        if course.slug == demo_data.STUDENT_COURSE:
            title, body = SCHEDULED
            announcements.post_announcement(
                course.instructor,
                course,
                title=title,
                body=body,
                send_email=False,
                publish_at=timezone.now() + timedelta(days=5),
            )
    return Announcement.objects.count()
