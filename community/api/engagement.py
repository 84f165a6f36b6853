"""`/api/v1/`: a course's reviews and announcements, the caller's
achievements, and the leaderboards, as the pages show them."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from home.api_errors import refusals
from home.api_pages import InputSchema, PageQuery, RowId, page_of
from learners.api.security import ANYONE, LEARNER, OPTIONAL_AUTH
from learners.models.profile import public_name_of

from .. import services
from ..models import Review
from ..services import reviews as review_service
from ..services.reviews import MAX_TEXT
from .gate import find_course, open_course

router = Router(tags=["Community"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 409, 422)


class BarOut(Schema):
    stars: int
    count: int
    percent: int


class RatingOut(Schema):
    count: int
    average: Decimal | None = Field(description="None until someone reviews.")
    bars: list[BarOut] = Field(description="Five stars down to one.")


class ReviewOut(Schema):
    id: int
    author: str
    rating: int = Field(ge=1, le=5)
    text: str
    updated_at: datetime
    reply_html: str = Field(description="The instructor's reply, sanitised.")


class ReviewPageOut(Schema):
    rating: RatingOut
    count: int
    page: int
    page_size: int
    items: list[ReviewOut]


class ReviewIn(InputSchema):
    rating: int = Field(ge=1, le=5)
    text: str = Field("", max_length=MAX_TEXT)


class AnnouncementOut(Schema):
    id: int
    title: str
    body_html: str
    published_at: datetime | None = Field(description="None while scheduled.")
    publish_at: datetime


class BadgeOut(Schema):
    name: str
    description: str
    awarded_at: datetime


class AchievementsOut(Schema):
    points: int
    points_last_30_days: int
    streak_days: int
    best_streak_days: int
    learned_today: bool
    badges: list[BadgeOut]


class StandingOut(Schema):
    rank: int
    name: str = Field(description="The display name they chose.")
    points: int
    is_me: bool


class LeaderboardOut(Schema):
    days: int
    items: list[StandingOut]
    my_points: int = Field(description="The caller's points, listed or not.")


class LeaderboardQuery(Schema):
    course: int | None = Field(None, ge=1, le=2**63 - 1, description="A course id.")


def review_out(review):
    return ReviewOut(
        id=review.pk,
        author=public_name_of(review.author),
        rating=review.rating,
        text=review.text,
        updated_at=review.updated_at,
        reply_html=review.reply_html,
    )


@router.get(
    "/courses/{course_id}/reviews/",
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH,
    response={200: ReviewPageOut, **refusals(400, 401, 404, 422)},
    summary="A course's rating and reviews (public)",
)
def reviews(request, course_id: RowId, query: Query[PageQuery]):
    course = find_course(course_id)
    summary = review_service.rating_summary(course.pk)
    shown = Review.objects.filter(course=course, hidden_at__isnull=True)
    rows, count = page_of(
        shown.select_related("author__profile").order_by("-updated_at", "-pk"), query
    )
    return ReviewPageOut(
        rating=RatingOut(
            count=summary.count,
            average=summary.average if summary.count else None,
            bars=[
                BarOut(stars=stars, count=many, percent=percent)
                for stars, many, percent in summary.bars
            ],
        ),
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[review_out(row) for row in rows],
    )


@router.put(
    "/courses/{course_id}/reviews/mine/",
    response={200: ReviewOut, **REFUSALS},
    summary="Write or change the caller's review",
)
def write_review(request, course_id: RowId, data: ReviewIn):
    course = find_course(course_id)
    review = review_service.write_review(
        request.auth, course, rating=data.rating, text=data.text
    )
    review.author = request.auth
    return review_out(review)


@router.get(
    "/courses/{course_id}/announcements/",
    response={200: list[AnnouncementOut], **REFUSALS},
    summary="A course's announcements (scheduled ones for its instructor only)",
)
def announcements(request, course_id: RowId):
    course, access = open_course(request.auth, course_id)
    return [
        AnnouncementOut(
            id=item.pk,
            title=item.title,
            body_html=item.body_html,
            published_at=item.published_at,
            publish_at=item.publish_at,
        )
        for item in services.announcements_for(course, access)[:100]
    ]


@router.get(
    "/me/achievements/",
    response={200: AchievementsOut, **refusals(401)},
    summary="The caller's points, streak and badges",
)
def my_achievements(request):
    mine = services.achievements_for(request.auth, timezone.localdate())
    return AchievementsOut(
        points=mine.points,
        points_last_30_days=mine.points_recent,
        streak_days=mine.streak,
        best_streak_days=mine.best_streak,
        learned_today=mine.learned_today,
        badges=[
            BadgeOut(
                name=award.badge.name,
                description=award.badge.description,
                awarded_at=award.awarded_at,
            )
            for award in mine.badges
        ],
    )


@router.get(
    "/leaderboard/",
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH,
    response={200: LeaderboardOut, **REFUSALS},
    summary="Points of the last 30 days, of learners who chose to appear",
)
def leaderboard(request, query: Query[LeaderboardQuery]):
    course = None
    if query.course is not None:
        course, _access = open_course(request.auth, query.course)
    standings, mine = services.leaderboard(request.auth, course=course)
    return LeaderboardOut(
        days=services.achievements.LEADERBOARD_DAYS,
        items=[StandingOut(**vars(standing)) for standing in standings],
        my_points=mine,
    )
