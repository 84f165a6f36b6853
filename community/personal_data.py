"""What `community` holds about a person: their questions, answers, votes,
reports, bans, reviews and announcements (a review goes, and its course's
rating is counted again; an announcement stays, without its author), points,
streak and badges. On erasure their posts lose their text and their name,
and stay in place as deleted posts, so the threads others answered remain
readable."""

from django.utils import timezone

from home.personal_data import Export, register, rows

from .models import (
    Announcement,
    Answer,
    BadgeAward,
    CourseBan,
    Question,
    Report,
    Review,
    Streak,
    Vote,
    XPEvent,
)
from .services.reviews import refresh_rating


def export(user):
    return Export(
        records={
            "questions": rows(
                Question.objects.filter(author=user), exclude=["body_html"]
            ),
            "answers": rows(Answer.objects.filter(author=user), exclude=["body_html"]),
            "votes": rows(Vote.objects.filter(user=user)),
            "reports": rows(Report.objects.filter(reporter=user)),
            "bans_from_posting": rows(CourseBan.objects.filter(user=user)),
            "reviews": rows(Review.objects.filter(author=user), exclude=["reply_html"]),
            "points": rows(XPEvent.objects.filter(user=user)),
            "streak": rows(Streak.objects.filter(user=user)),
            "badges": rows(BadgeAward.objects.filter(user=user)),
            "announcements": rows(
                Announcement.objects.filter(author=user), exclude=["body_html"]
            ),
        }
    )


def erase(user, options):
    gone = {"author": None, "body": "", "body_html": "", "deleted_at": timezone.now()}
    Question.objects.filter(author=user).update(title="", **gone)
    Answer.objects.filter(author=user).update(**gone)
    Vote.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).delete()
    Report.objects.filter(decided_by=user).update(decided_by=None)
    CourseBan.objects.filter(user=user).delete()
    CourseBan.objects.filter(banned_by=user).update(banned_by=None)
    Announcement.objects.filter(author=user).update(author=None)
    XPEvent.objects.filter(user=user).delete()
    Streak.objects.filter(user=user).delete()
    BadgeAward.objects.filter(user=user).delete()
    reviewed = set(
        Review.objects.filter(author=user).values_list("course_id", flat=True)
    )
    Review.objects.filter(author=user).delete()
    for course_id in reviewed:
        refresh_rating(course_id)


def connect():
    register("community", export=export, erase=erase)
