"""The community's records."""

from .moderation import CourseBan, Report
from .qa import Answer, PostRole, Question, Vote

__all__ = ["Answer", "CourseBan", "PostRole", "Question", "Report", "Vote"]
