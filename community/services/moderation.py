"""Reports, hiding and restoring posts, and bans from posting: what a
course's instructor and the site's moderators decide, each in the audit log."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.audit import record
from home.models import AuditEntry
from learners.access import community_access

from ..models import CourseBan, Report, Review
from .qa import CommunityError, NotAllowed, on_post, post_course, require_moderator
from .reviews import set_review_hidden


def report_post(user, post, *, reason, note=""):
    """Ask a moderator to look at `post`; reporting it again while the first
    report is open changes nothing."""
    course = post_course(post)
    if not community_access(user, course).allowed:
        raise NotAllowed(_("Only people in this course can report its posts."))
    if post.author_id == user.pk:
        raise CommunityError(_("You cannot report your own post."))
    if reason not in Report.Reason.values:
        raise CommunityError(_("Choose a reason."))
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=user,
                course=course,
                reason=reason,
                note=(note or "").strip()[:500],
                **on_post(post),
            )
    except IntegrityError:
        return Report.objects.get(
            reporter=user, outcome=Report.Outcome.OPEN, **on_post(post)
        )


def _reports_on(post):
    return Report.objects.filter(outcome=Report.Outcome.OPEN, **on_post(post))


def hide_post(user, post):
    """Hide a post from everyone but moderators; its open reports are decided
    (a review stops counting in the rating)."""
    require_moderator(user, post_course(post))
    now = timezone.now()
    with transaction.atomic():
        if isinstance(post, Review):
            set_review_hidden(user, post, True)  # which writes the audit entry
        else:
            type(post).objects.filter(pk=post.pk).update(hidden_at=now)
            record(AuditEntry.Action.POST_HIDDEN, target=post, summary=_excerpt(post))
        _reports_on(post).update(
            outcome=Report.Outcome.HIDDEN, decided_at=now, decided_by=user
        )
    post.hidden_at = now
    return post


def restore_post(user, post):
    require_moderator(user, post_course(post))
    with transaction.atomic():
        type(post).objects.filter(pk=post.pk).update(hidden_at=None)
        record(AuditEntry.Action.POST_RESTORED, target=post, summary=_excerpt(post))
    post.hidden_at = None
    return post


def dismiss_report(user, report):
    require_moderator(user, report.course)
    with transaction.atomic():
        Report.objects.filter(pk=report.pk, outcome=Report.Outcome.OPEN).update(
            outcome=Report.Outcome.DISMISSED,
            decided_at=timezone.now(),
            decided_by=user,
        )
        record(AuditEntry.Action.REPORT_DISMISSED, target=report, summary=str(report))


def ban_from_posting(user, course, person, *, reason=""):
    """`person` may still read the course's questions but no longer post,
    vote or edit there. Banning twice keeps the first ban."""
    require_moderator(user, course)
    if community_access(person, course).moderates:
        raise CommunityError(
            _("The course's instructor and moderators cannot be banned.")
        )
    with transaction.atomic():
        ban, made = CourseBan.objects.get_or_create(
            course=course,
            user=person,
            defaults={"banned_by": user, "reason": (reason or "")[:300]},
        )
        if made:
            record(
                AuditEntry.Action.COMMUNITY_BAN,
                target=ban,
                summary=f"{person} in {course.title}",
            )
    return ban


def lift_ban(user, course, person):
    require_moderator(user, course)
    with transaction.atomic():
        deleted, _rows = CourseBan.objects.filter(course=course, user=person).delete()
        if deleted:
            record(
                AuditEntry.Action.COMMUNITY_UNBAN,
                target=f"user #{person.pk}",
                summary=f"{person} in {course.title}",
            )


def _excerpt(post):
    title = getattr(post, "title", "")
    return (title or getattr(post, "body", "") or getattr(post, "text", ""))[:200]
