"""The community's records."""

from .achievements import Badge, BadgeAward, Streak, XPEvent
from .announcements import Announcement
from .moderation import CourseBan, Report
from .qa import Answer, PostRole, Question, Vote
from .reviews import CourseRating, Review

__all__ = [
    "Badge",
    "BadgeAward",
    "Streak",
    "XPEvent",
    "Announcement",
    "Answer",
    "CourseBan",
    "CourseRating",
    "PostRole",
    "Question",
    "Report",
    "Review",
    "Vote",
]
