"""Announcements: the instructor writes, the course's learners are told once,
now or at the time chosen."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.markdown_text import render_markdown
from home.outbox import enqueue
from learners.models import Enrollment
from learners.notifications import notify_many

from ..models import Announcement
from .qa import MAX_BODY, CommunityError, require_moderator

PUBLISH_TASK = "community.tasks.publish_announcement_task"


def post_announcement(user, course, *, title, body, send_email=True, publish_at=None):
    """A new announcement in `course` by its instructor or a moderator,
    published at once or at `publish_at`."""
    require_moderator(user, course)
    title = (title or "").strip()
    body = (body or "").strip()
    if not title or not body:
        raise CommunityError(_("Give the announcement a title and a text."))
    if len(body) > MAX_BODY:
        raise CommunityError(
            _("Keep it under %(count)s characters.") % {"count": MAX_BODY}
        )
    now = timezone.now()
    if publish_at is not None and publish_at < now - timedelta(minutes=5):
        raise CommunityError(_("Choose a time in the future, or leave it empty."))
    with transaction.atomic():
        announcement = Announcement.objects.create(
            course=course,
            author=user,
            title=title[:200],
            body=body,
            body_html=render_markdown(body),
            send_email=send_email,
            publish_at=max(publish_at or now, now),
        )
        if announcement.publish_at <= now:
            enqueue(PUBLISH_TASK, announcement.pk)
    return announcement


def withdraw_announcement(user, announcement):
    """Delete an announcement; learners already told keep their notification
    but it leads to the list without it."""
    require_moderator(user, announcement.course)
    announcement.delete()


def publish_announcement(announcement_id):
    """Tell the course's learners, once: the row is claimed by setting
    `published_at` in the same transaction as the notifications are made."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Announcement.objects.filter(
            pk=announcement_id, published_at__isnull=True, publish_at__lte=now
        ).update(published_at=now)
        if not claimed:
            return 0
        announcement = Announcement.objects.select_related("course").get(
            pk=announcement_id
        )
        learners = [
            enrollment.user
            for enrollment in Enrollment.objects.with_access()
            .filter(course_id=announcement.course_id)
            .exclude(user_id=announcement.author_id)
            .select_related("user")
        ]
        notify_many(
            learners, "announcement", announcement, email=announcement.send_email
        )
    return len(learners)


def publish_due_announcements():
    """Every scheduled announcement whose time has come (the beat's job)."""
    due = Announcement.objects.filter(
        published_at__isnull=True, publish_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(publish_announcement(pk) for pk in list(due))


def announcements_for(course, access):
    """What a person sees: published ones; moderators also the scheduled."""
    if not access.allowed:
        return Announcement.objects.none()
    shown = Announcement.objects.filter(course=course)
    if not access.moderates:
        shown = shown.filter(published_at__isnull=False)
    return shown
