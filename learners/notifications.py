"""Telling people what happened: every event goes through `notify`, which
puts it in the person's bell and e-mails it (at once, or in the daily
digest) as they chose for its topic. Apps add topics with `register_topic`
and kinds with `learners.emails.register_email_kind`."""

import html
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.outbox import enqueue
from home.tasks import send_email_task
from lessons.models import LessonPage

from .emails import KINDS, email_context
from .models import Enrollment, Notification, NotificationPreference, Profile

Channel = NotificationPreference.Channel
UNREAD_SECONDS = 300


@dataclass(frozen=True)
class Topic:
    label: str
    default: str
    # Receipts, refunds and account mail go by e-mail whatever the choice;
    # the choice only says whether they also show in the bell.
    always_email: bool = False
    choosable: bool = True


TOPICS = {
    "enrolment": Topic(_("Enrolments and checkout reminders"), Channel.EMAIL),
    "grades": Topic(_("Grades and quiz results"), Channel.EMAIL),
    "certificates": Topic(_("Certificates"), Channel.EMAIL),
    "new_lessons": Topic(_("New lessons in my courses"), Channel.APP),
    "openings": Topic(_("Lessons opening on their date in my courses"), Channel.EMAIL),
    "account": Topic(
        _("My account and data"), Channel.EMAIL, always_email=True, choosable=False
    ),
}


def register_topic(name, label, default, *, always_email=False):
    """Let another app add a topic people choose a channel for."""
    TOPICS[name] = Topic(label, default, always_email=always_email)


def choosable_topics():
    return {name: topic for name, topic in TOPICS.items() if topic.choosable}


def channels_for(user_ids, topic):
    """{user id: channel} for one topic, in one query."""
    chosen = dict(
        NotificationPreference.objects.filter(
            user_id__in=user_ids, topic=topic
        ).values_list("user_id", "channel")
    )
    default = TOPICS[topic].default
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def preferences(user):
    """{topic: channel} for every topic the person can choose."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("topic", "channel")
    )
    return {
        name: chosen.get(name, topic.default)
        for name, topic in choosable_topics().items()
    }


def set_preferences(user, channels):
    """Store the person's choices; a choice equal to the default keeps no row."""
    topics = choosable_topics()
    with transaction.atomic():
        for name, channel in channels.items():
            if channel == topics[name].default:
                NotificationPreference.objects.filter(user=user, topic=name).delete()
            else:
                NotificationPreference.objects.update_or_create(
                    user=user, topic=name, defaults={"channel": channel}
                )


def notify(user, kind, obj):
    """Tell one person about `obj`; see `notify_many`."""
    notify_many([user], kind, obj)


def notify_many(users, kind, obj, *, email=True):
    """Tell each of `users` about `obj` as they chose: in the bell, by
    e-mail now, or by e-mail in tomorrow's digest (`email=False`: in the
    bell only, whatever they chose). Safe to repeat: each person gets one
    notification and one e-mail per kind and object."""
    topic_name, _model, link = KINDS[kind]
    topic = TOPICS[topic_name]
    users = list(users)
    channels = channels_for([user.pk for user in users], topic_name)
    digest_ids = set(
        Profile.objects.filter(
            user_id__in=[user.pk for user in users], email_digest=True
        ).values_list("user_id", flat=True)
    )
    url = link(obj)
    shown = []
    for user in users:
        channel = channels[user.pk]
        by_email = (
            email
            and bool(user.email)
            and (topic.always_email or channel == Channel.EMAIL)
        )
        in_digest = by_email and not topic.always_email and user.pk in digest_ids
        if channel != Channel.OFF:
            shown.append(
                Notification(
                    user=user,
                    kind=kind,
                    topic=topic_name,
                    object_id=obj.pk,
                    title=notification_title(kind, user, obj),
                    url=url,
                    in_digest=in_digest,
                )
            )
        if by_email and not in_digest:
            enqueue("learners.tasks.send_learner_email_task", kind, user.pk, obj.pk)
    if shown:
        Notification.objects.bulk_create(shown, ignore_conflicts=True)
        ids = [item.user_id for item in shown]
        transaction.on_commit(lambda: forget_unread(ids))


def notification_title(kind, user, obj):
    """The event's line: the subject its e-mail would have."""
    context = email_context(user, obj, "")
    # Subjects are plain text; the page escapes the title when it shows it.
    subject = render_to_string(f"emails/{kind}_subject.txt", context)
    return html.unescape(subject.strip())[:300]


def _unread_key(user_id):
    return f"notifications:unread:{user_id}"


def unread_count(user):
    """How many of the person's notifications are unread: one cached count
    (the cache forgets it whenever one arrives or is read)."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def forget_unread(user_ids):
    cache.delete_many([_unread_key(user_id) for user_id in user_ids])


def mark_read(user, notification_id=None):
    """Mark one of the person's notifications read, or all of them; returns
    the one marked (None for all, or if it is not theirs)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    unread.update(read_at=timezone.now())
    forget_unread([user.pk])
    if notification_id is None:
        return None
    return Notification.objects.filter(user=user, pk=notification_id).first()


def send_digests():
    """One e-mail per person with everything that waited for their digest;
    a notification leaves the digest in the same transaction as its mail is
    sent, so a crash sends it again rather than losing it."""
    users = (
        Notification.objects.filter(in_digest=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(users)):
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(user=user, in_digest=True)
                .order_by("created_at")
            )
            # What they read in the app meanwhile is not news any more.
            unread = [item for item in waiting if item.read_at is None]
            if not unread or not user.email:
                Notification.objects.filter(
                    pk__in=[item.pk for item in waiting]
                ).update(in_digest=False)
                continue
            context = {**email_context(user, None, ""), "notifications": unread}
            send_email_task(
                html.unescape(
                    render_to_string("emails/digest_subject.txt", context).strip()
                ),
                render_to_string("emails/digest.txt", context),
                render_to_string("emails/digest.html", context),
                [user.email],
            )
            Notification.objects.filter(pk__in=[item.pk for item in waiting]).update(
                in_digest=False
            )
            sent += 1
    return sent


def notify_new_lesson(lesson_id):
    """Tell everyone enrolled in the lesson's course that it was published
    (those who enrolled after it was already there found it with the rest)."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None or lesson.course is None:
        return 0
    users = [
        enrollment.user
        for enrollment in Enrollment.objects.with_access()
        .filter(course=lesson.course, enrolled_at__lt=lesson.first_published_at)
        .select_related("user")
    ]
    notify_many(users, "new_lesson", lesson)
    return len(users)
