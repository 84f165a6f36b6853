"""The community's rules: every view, task and API endpoint calls these."""

from .qa import (
    EDIT_WINDOW,
    CommunityError,
    accept_answer,
    answer_question,
    ask_question,
    delete_post,
    edit_post,
    set_locked,
    set_pinned,
    upvote,
)

__all__ = [
    "EDIT_WINDOW",
    "CommunityError",
    "accept_answer",
    "answer_question",
    "ask_question",
    "delete_post",
    "edit_post",
    "set_locked",
    "set_pinned",
    "upvote",
]
