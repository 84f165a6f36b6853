"""`/api/v1/notifications/`: the caller's notifications, newest first, and
marking them read (the bell's live count reads the same cached number)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from home.api_errors import refusals
from home.api_pages import PageQuery, RowId, page_of

from .. import notifications
from ..models import Notification
from .security import LEARNER

router = Router(tags=["Notifications"], auth=LEARNER)

REFUSALS = refusals(400, 401, 404, 422)


class NotificationOut(Schema):
    id: int
    kind: str = Field(description="question_answered, announcement, badge_earned…")
    topic: str = Field(description="The preference it follows.")
    title: str
    url: str = Field(description="Where it leads, on this site.")
    created_at: datetime
    read: bool


class NotificationPageOut(Schema):
    unread: int
    count: int
    page: int
    page_size: int
    items: list[NotificationOut]


class NotificationQuery(PageQuery):
    unread_only: bool = False


class UnreadOut(Schema):
    unread: int


def notification_out(item, request):
    return NotificationOut(
        id=item.pk,
        kind=item.kind,
        topic=item.topic,
        title=item.title,
        url=request.build_absolute_uri(item.url),
        created_at=item.created_at,
        read=item.read_at is not None,
    )


@router.get(
    "/",
    response={200: NotificationPageOut, **REFUSALS},
    summary="The caller's notifications, newest first",
)
def list_notifications(request, query: Query[NotificationQuery]):
    mine = Notification.objects.filter(user=request.auth)
    if query.unread_only:
        mine = mine.filter(read_at__isnull=True)
    rows, count = page_of(mine, query)
    return NotificationPageOut(
        unread=notifications.unread_count(request.auth),
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[notification_out(row, request) for row in rows],
    )


@router.get(
    "/unread/",
    response={200: UnreadOut, **refusals(401)},
    summary="How many are unread (cached; cheap to poll)",
)
def unread(request):
    return UnreadOut(unread=notifications.unread_count(request.auth))


@router.post(
    "/{notification_id}/read/",
    response={200: NotificationOut, **REFUSALS},
    summary="Mark one of the caller's notifications read",
)
def read_one(request, notification_id: RowId):
    get_object_or_404(Notification, pk=notification_id, user=request.auth)
    return notification_out(
        notifications.mark_read(request.auth, notification_id), request
    )


@router.post(
    "/read/",
    response={200: UnreadOut, **refusals(401)},
    summary="Mark all the caller's notifications read",
)
def read_all(request):
    notifications.mark_read(request.auth)
    return UnreadOut(unread=0)
