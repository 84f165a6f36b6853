"""The community's records."""

from .qa import Answer, PostRole, Question, Vote

__all__ = ["Answer", "PostRole", "Question", "Vote"]
