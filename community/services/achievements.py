"""Points, streaks and badges: awarded from the server's own records of
learning, each event once, in the learner's calendar."""

import zoneinfo
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Now
from django.utils import timezone
from wagtail.images.models import SourceImageIOError

from home import content_version
from home.compiled_query import CompiledQuery
from home.content_version import VersionedMemo
from home.outbox import enqueue
from learners.models import Profile
from learners.notifications import notify

from ..models import Badge, BadgeAward, Streak, XPEvent

Reason = XPEvent.Reason
Rule = Badge.Rule
POINTS = {
    Reason.LESSON_COMPLETED: 10,
    Reason.QUIZ_PASSED: 20,
    Reason.COURSE_COMPLETED: 100,
    Reason.ANSWER_ACCEPTED: 15,
}
AWARD_TASK = "community.tasks.award_points_task"
BADGES_TASK = "community.tasks.award_badges_task"
LEADERBOARD_DAYS = 30
LEADERBOARD_SIZE = 20


def points_for(user_id, reason, object_id, course_id, *, score_percent=None):
    """Queue the points for an event (in the caller's transaction, so the
    event and its points commit together)."""
    enqueue(
        AWARD_TASK,
        user_id,
        str(reason),
        object_id,
        course_id,
        timezone.now().isoformat(),
        score_percent,
    )


def local_day(moment, time_zone):
    """The calendar day `moment` falls on in `time_zone` (UTC if unknown)."""
    try:
        zone = zoneinfo.ZoneInfo(time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return moment.astimezone(zone).date()


def advance_streak(current, best, last_day, day):
    """(current, best, last day) after learning on `day`: the next day adds
    one, the same day nothing, a gap starts again at one, and a late report
    of an earlier day changes nothing."""
    if last_day is not None and day <= last_day:
        return current, best, last_day
    if last_day is not None and day == last_day + timedelta(days=1):
        current += 1
    else:
        current = 1
    return current, max(best, current), day


def current_streak(streak, today):
    """The streak as it stands `today`: alive if they learned today or
    yesterday (today is not over yet), else broken."""
    if streak is None or streak.last_day is None:
        return 0
    return streak.current if streak.last_day >= today - timedelta(days=1) else 0


def award_points(user_id, reason, object_id, course_id, at, score_percent=None):
    """Record the event's points once; returns the event, or None if it was
    already recorded. A new learning day moves the streak, and the badges
    are looked at again by a task."""
    at = datetime.fromisoformat(at) if isinstance(at, str) else at
    time_zone = (
        Profile.objects.filter(user_id=user_id)
        .values_list("time_zone", flat=True)
        .first()
    )
    day = local_day(at, time_zone)
    try:
        with transaction.atomic():
            event = XPEvent.objects.create(
                user_id=user_id,
                reason=reason,
                object_id=object_id,
                course_id=course_id,
                points=POINTS[reason],
                score_percent=score_percent,
                created_at=at,
                local_day=day,
            )
            _learned_on(user_id, day)
            enqueue(BADGES_TASK, user_id)
    except IntegrityError:
        return None  # told before: the unique constraint said so
    return event


def _learned_on(user_id, day):
    Streak.objects.get_or_create(user_id=user_id)
    streak = Streak.objects.select_for_update().get(user_id=user_id)
    streak.current, streak.best, streak.last_day = advance_streak(
        streak.current, streak.best, streak.last_day, day
    )
    streak.save()


def progress_towards(user_id):
    """{rule: the learner's count}, in three queries."""
    by_reason = {
        row["reason"]: row
        for row in XPEvent.objects.filter(user_id=user_id)
        .values("reason")
        .annotate(count=Count("pk"), points=Sum("points"))
    }

    def count(reason):
        return by_reason.get(reason, {}).get("count", 0)

    streak = Streak.objects.filter(user_id=user_id).first()
    return {
        Rule.LESSONS_COMPLETED: count(Reason.LESSON_COMPLETED),
        Rule.COURSES_COMPLETED: count(Reason.COURSE_COMPLETED),
        Rule.ACCEPTED_ANSWERS: count(Reason.ANSWER_ACCEPTED),
        Rule.STREAK_DAYS: streak.best if streak else 0,
        Rule.PERFECT_QUIZZES: XPEvent.objects.filter(
            user_id=user_id, reason=Reason.QUIZ_PASSED, score_percent=100
        ).count(),
        Rule.POINTS: sum(row["points"] or 0 for row in by_reason.values()),
    }


def award_badges(user_id):
    """Every active badge the learner now meets and has not got; each is
    awarded once (unique constraint) and told in their notifications."""
    reached = progress_towards(user_id)
    open_badges = Badge.objects.filter(is_active=True).exclude(awards__user_id=user_id)
    awarded = []
    for badge in open_badges:
        if reached.get(badge.rule, 0) < badge.threshold:
            continue
        try:
            with transaction.atomic():
                award = BadgeAward.objects.create(badge=badge, user_id=user_id)
                notify(award.user, "badge_earned", award)
        except IntegrityError:
            continue
        awarded.append(award)
    return awarded


@dataclass
class Achievements:
    """What the dashboard shows."""

    points: int = 0
    points_recent: int = 0
    streak: int = 0
    best_streak: int = 0
    learned_today: bool = False
    badges: list = field(default_factory=list)
    next_badges: list = field(default_factory=list)


# The dashboard's reads, compiled once per process (home/compiled_query.py):
# building them took the ORM longer than the database took to answer.
_TOTALS = CompiledQuery(
    lambda user: (
        XPEvent.objects.filter(user_id=user)
        .values("user_id")
        .annotate(
            total=Sum("points"),
            # The database's clock, so the query has no per-call time in it.
            recent=Sum(
                "points",
                filter=Q(created_at__gte=Now() - timedelta(days=LEADERBOARD_DAYS)),
            ),
        )
        .values_list("total", "recent")
    )
)
_STREAK = CompiledQuery(lambda user: Streak.objects.filter(user_id=user))
_AWARDS = CompiledQuery(
    lambda user: BadgeAward.objects.filter(user_id=user).order_by("-awarded_at")
)
_badges = VersionedMemo(size=1)
BADGE_PICTURE = "fill-96x96"
UPCOMING_BADGES = 3


def all_badges():
    """Every badge in the badges' order, each with `picture`, its image's
    rendition (or None), worked out once per content version (a badge saved
    or deleted takes a new one): a rendition looked up per view costs a
    cache read and write for each badge."""
    version = content_version.current()
    badges = _badges.get("all")
    if badges is None:
        badges = _read_badges()
        _badges.put("all", badges, version)
    return badges


def _read_badges():
    badges = list(Badge.objects.select_related("image"))
    for badge in badges:
        badge.picture = None
        if badge.image is not None:
            # A file gone missing leaves the plain medal.
            with suppress(SourceImageIOError):
                badge.picture = badge.image.get_rendition(BADGE_PICTURE)
    return badges


def achievements_for(user, today):
    """The learner's points, streak and badges, in three queries."""
    totals = _TOTALS.rows(user=user.pk)
    total, recent = totals[0] if totals else (0, 0)
    streak = next(iter(_STREAK.objects(user=user.pk)), None)
    awards = _AWARDS.objects(user=user.pk)
    earned = {award.badge_id for award in awards}
    badges = all_badges()
    if not earned <= {badge.pk for badge in badges}:
        # A badge made in another worker within the second this one trusts
        # its version for, and awarded already.
        badges = _read_badges()
    by_id = {badge.pk: badge for badge in badges}
    for award in awards:
        award.badge = by_id[award.badge_id]
    upcoming = [b for b in badges if b.is_active and b.pk not in earned]
    return Achievements(
        points=total or 0,
        points_recent=recent or 0,
        streak=current_streak(streak, today),
        best_streak=streak.best if streak else 0,
        learned_today=bool(streak and streak.last_day == today),
        badges=awards,
        next_badges=upcoming[:UPCOMING_BADGES],
    )


@dataclass
class Standing:
    rank: int
    name: str
    points: int
    is_me: bool


def leaderboard(viewer, course=None):
    """The top learners by points in the last 30 days, of those who chose
    to appear, by display name only; (standings, the viewer's own points)."""
    since = timezone.now() - timedelta(days=LEADERBOARD_DAYS)
    recent = XPEvent.objects.filter(created_at__gte=since)
    if course is not None:
        recent = recent.filter(course=course)
    top = list(
        recent.filter(user__profile__show_on_leaderboard=True)
        .values("user_id")
        .annotate(total=Sum("points"))
        .order_by("-total", "user_id")[:LEADERBOARD_SIZE]
    )
    names = {
        profile.user_id: profile.public_name
        for profile in Profile.objects.filter(
            user_id__in=[row["user_id"] for row in top]
        ).select_related("user")
    }
    viewer_id = viewer.pk if viewer.is_authenticated else None
    standings = [
        Standing(
            rank=place,
            name=names.get(row["user_id"], ""),
            points=row["total"],
            is_me=row["user_id"] == viewer_id,
        )
        for place, row in enumerate(top, start=1)
    ]
    mine = (
        recent.filter(user_id=viewer_id).aggregate(total=Sum("points"))["total"] or 0
        if viewer_id
        else 0
    )
    return standings, mine
