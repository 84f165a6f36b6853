"""Celery tasks of the community: publishing announcements, awarding badges.
Each takes ids, re-reads its rows and can run twice without doing anything
twice."""

from celery import shared_task

from home.periodic import once_per
from home.tasks import RETRY

from .services.achievements import award_badges, award_points
from .services.announcements import publish_announcement, publish_due_announcements


@shared_task(name="community.tasks.publish_announcement_task", acks_late=True, **RETRY)
def publish_announcement_task(announcement_id):
    return publish_announcement(announcement_id)


@shared_task(name="community.tasks.publish_due_announcements_task")
@once_per(50)
def publish_due_announcements_task():
    """Scheduled announcements whose time has come, every minute."""
    return publish_due_announcements()


@shared_task(name="community.tasks.award_points_task", acks_late=True, **RETRY)
def award_points_task(user_id, reason, object_id, course_id, at, score_percent=None):
    event = award_points(user_id, reason, object_id, course_id, at, score_percent)
    return event.points if event else 0


@shared_task(name="community.tasks.award_badges_task", acks_late=True, **RETRY)
def award_badges_task(user_id):
    return [award.badge_id for award in award_badges(user_id)]
