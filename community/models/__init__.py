"""The community's records."""

from .moderation import CourseBan, Report
from .qa import Answer, PostRole, Question, Vote
from .reviews import CourseRating, Review

__all__ = [
    "Answer",
    "CourseBan",
    "CourseRating",
    "PostRole",
    "Question",
    "Report",
    "Review",
    "Vote",
]
