"""The community's rules: every view, task and API endpoint calls these."""

from .achievements import achievements_for, leaderboard
from .announcements import (
    announcements_for,
    post_announcement,
    publish_announcement,
    publish_due_announcements,
    withdraw_announcement,
)
from .moderation import (
    ban_from_posting,
    dismiss_report,
    hide_post,
    lift_ban,
    report_post,
    restore_post,
)
from .qa import (
    EDIT_WINDOW,
    CommunityError,
    NotAllowed,
    accept_answer,
    answer_question,
    ask_question,
    banned_from_posting,
    delete_post,
    edit_post,
    is_banned,
    set_locked,
    set_pinned,
    upvote,
)

__all__ = [
    "achievements_for",
    "leaderboard",
    "announcements_for",
    "post_announcement",
    "publish_announcement",
    "publish_due_announcements",
    "withdraw_announcement",
    "ban_from_posting",
    "dismiss_report",
    "hide_post",
    "banned_from_posting",
    "is_banned",
    "lift_ban",
    "report_post",
    "restore_post",
    "EDIT_WINDOW",
    "CommunityError",
    "NotAllowed",
    "accept_answer",
    "answer_question",
    "ask_question",
    "delete_post",
    "edit_post",
    "set_locked",
    "set_pinned",
    "upvote",
]
