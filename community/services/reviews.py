"""Writing, answering and moderating reviews, and the course's rating they
add up to (stored, and kept in step in the same transaction)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.audit import record
from home.markdown_text import render_markdown
from home.models import AuditEntry, SiteSettings
from learners.access import community_access
from learners.services import course_progress

from ..models import CourseRating, Review
from ..models.reviews import STARS
from .qa import CommunityError, NotAllowed, is_banned, require_moderator

MAX_TEXT = 5_000


@dataclass(frozen=True)
class RatingSummary:
    """What pages show of a course's rating."""

    count: int
    average: Decimal
    bars: tuple  # (stars, how many, percent of all), five down to one

    @property
    def stars_shown(self):
        """Whole stars to draw for the average (4.5 draws five)."""
        return int(self.average.to_integral_value(rounding=ROUND_HALF_UP))


NO_RATING = RatingSummary(0, Decimal("0"), tuple((s, 0, 0) for s in reversed(STARS)))


def may_review(user, course, access=None):
    """(allowed, why not): learners who have done the site's share of the
    course review it; its instructor and moderators do not. `access` is the
    person's community access, when the caller has read it already."""
    access = access or community_access(user, course)
    if not access.allowed:
        return False, access.message
    if access.moderates:
        return False, _("Instructors and moderators do not review courses.")
    if is_banned(user, course):
        return False, _("A moderator has stopped you from posting in this course.")
    needed = _review_after_percent()
    enrollment = access.enrollment
    done = course_progress(enrollment).percent if enrollment else 0
    if done < needed:
        return False, _(
            "You can review this course once you have completed %(needed)s%% "
            "of it (you are at %(done)s%%)."
        ) % {"needed": needed, "done": done}
    return True, ""


def _review_after_percent():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).review_after_percent if site else 20


def write_review(user, course, *, rating, text=""):
    """The learner's review of `course`, made or changed (one per learner:
    the database refuses a second, so two racing requests make one row)."""
    allowed, why = may_review(user, course)
    if not allowed:
        raise NotAllowed(str(why))
    if rating not in STARS:
        raise CommunityError(_("Choose from one to five stars."))
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise CommunityError(
            _("Keep it under %(count)s characters.") % {"count": MAX_TEXT}
        )
    fields = {"rating": rating, "text": text}
    with transaction.atomic():
        try:
            with transaction.atomic():
                review = Review.objects.create(course=course, author=user, **fields)
        except IntegrityError:
            review = Review.objects.select_for_update().get(course=course, author=user)
            for name, value in fields.items():
                setattr(review, name, value)
            review.save(update_fields=[*fields, "updated_at"])
        refresh_rating(course.pk)
    return review


def reply_to_review(user, review, *, text):
    """The course's instructor (or a moderator) answers a review publicly."""
    require_moderator(user, review.course)
    text = (text or "").strip()[:MAX_TEXT]
    review.reply = text
    review.reply_html = render_markdown(text) if text else ""
    review.replied_at = timezone.now() if text else None
    review.save(update_fields=["reply", "reply_html", "replied_at"])
    return review


def set_review_hidden(user, review, hidden):
    """A moderator hides a review (or shows it again); the rating follows."""
    require_moderator(user, review.course)
    with transaction.atomic():
        review.hidden_at = timezone.now() if hidden else None
        review.save(update_fields=["hidden_at"])
        refresh_rating(review.course_id)
        action = (
            AuditEntry.Action.POST_HIDDEN if hidden else AuditEntry.Action.POST_RESTORED
        )
        record(action, target=review, summary=review.text[:200])
    return review


def refresh_rating(course_id):
    """Count the course's visible reviews into its stored rating, the row
    locked so that two changes at once count each other."""
    CourseRating.objects.get_or_create(course_id=course_id)
    rating = CourseRating.objects.select_for_update().get(course_id=course_id)
    visible = Review.objects.filter(course_id=course_id, hidden_at__isnull=True)
    counts = visible.aggregate(
        count=Count("pk"),
        total=Sum("rating", default=0),
        **{f"stars_{n}": Count("pk", filter=Q(rating=n)) for n in STARS},
    )
    for name, value in counts.items():
        setattr(rating, name, value)
    rating.average = (
        (Decimal(rating.total) / rating.count).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        if rating.count
        else Decimal("0")
    )
    rating.save()
    transaction.on_commit(lambda: cache.delete(_cache_key(course_id)))
    return rating


def _cache_key(course_id):
    return f"course-rating:{course_id}"


def rating_summary(course_id):
    """The course's rating for pages: from the cache, else one query."""
    key = _cache_key(course_id)
    summary = cache.get(key)
    if summary is None:
        row = CourseRating.objects.filter(course_id=course_id).first()
        summary = summarise(row)
        cache.set(key, summary, None)
    return summary


def summarise(row):
    if row is None or not row.count:
        return NO_RATING
    bars = tuple(
        (
            n,
            getattr(row, f"stars_{n}"),
            round(100 * getattr(row, f"stars_{n}") / row.count),
        )
        for n in reversed(STARS)
    )
    return RatingSummary(row.count, row.average, bars)
