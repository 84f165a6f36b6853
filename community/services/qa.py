"""Asking, answering, voting and accepting in a course's questions."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from home.errors import Refusal
from home.markdown_text import render_markdown
from home.window_counter import count_event
from learners.access import community_access
from learners.notifications import notify

from ..models import Answer, CourseBan, PostRole, Question, Vote, XPEvent
from .achievements import points_for

# An author may correct a post for this long; later it stands as written.
EDIT_WINDOW = timedelta(minutes=30)
# Posts per person per course in POST_WINDOW seconds: enough for a lively
# thread, too few for a flood.
POST_LIMIT = 10
POST_WINDOW = 10 * 60
MAX_BODY = 20_000


class CommunityError(Refusal):
    """A refusal in a course's community."""


class NotAllowed(CommunityError):
    status_code = 403


class Closed(CommunityError):
    status_code = 409


class TooMany(CommunityError):
    status_code = 429


def _taking_part(user, course):
    """The person's access to post in `course`: refused if they may not
    open it, or a moderator banned them from posting there."""
    access = community_access(user, course)
    if not access.allowed:
        raise NotAllowed(str(access.message))
    if not access.moderates and is_banned(user, course):
        raise NotAllowed(
            _("A moderator has stopped you from posting in this course's questions.")
        )
    return access


def is_banned(user, course):
    return CourseBan.objects.filter(course=course, user=user).exists()


def banned_from_posting(user, course, access):
    """For pages: whether to show the ask and answer forms' place to a ban
    notice (moderators are never banned)."""
    return not access.moderates and is_banned(user, course)


def require_moderator(user, course):
    """The person's access, if they moderate `course` (its instructor, staff
    and moderators); refused otherwise."""
    access = community_access(user, course)
    if not access.moderates:
        raise NotAllowed(_("Only the course's instructor or a moderator can do that."))
    return access


def on_post(post):
    """The filter naming `post` on a row that points at a question, an
    answer or a review (votes, reports)."""
    if isinstance(post, Question):
        return {"question": post}
    if isinstance(post, Answer):
        return {"answer": post}
    return {"review": post}


def _role(user, course, access):
    if not access.moderates:
        return PostRole.LEARNER
    return (
        PostRole.INSTRUCTOR if course.instructor_id == user.pk else PostRole.MODERATOR
    )


def _check_rate(user, course):
    key = f"community-posts:{course.pk}:{user.pk}"
    if count_event(key, POST_LIMIT, POST_WINDOW)[0]:
        raise TooMany(_("You have posted a lot in a short time. Try again later."))


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise CommunityError(_("Write something first."))
    if len(body) > MAX_BODY:
        raise CommunityError(
            _("Keep it under %(count)s characters.") % {"count": MAX_BODY}
        )
    return body


def ask_question(user, course, *, title, body, lesson=None):
    """A new question in `course`, about `lesson` if given."""
    access = _taking_part(user, course)
    title = (title or "").strip()
    if not title:
        raise CommunityError(_("Give your question a title."))
    if lesson is not None and lesson.course != course:
        raise CommunityError(_("That lesson is not in this course."))
    body = _clean_body(body)
    _check_rate(user, course)
    return Question.objects.create(
        course=course,
        lesson=lesson,
        author=user,
        author_role=_role(user, course, access),
        title=title[:200],
        body=body,
        body_html=render_markdown(body),
    )


def answer_question(user, question, *, body):
    """A reply in `question`'s thread."""
    access = _taking_part(user, question.course)
    body = _clean_body(body)
    _check_rate(user, question.course)
    now = timezone.now()
    with transaction.atomic():
        # Locked so a lock, a delete and an answer do not cross.
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.is_locked or locked.is_deleted or locked.is_hidden:
            raise Closed(_("This question is closed to new answers."))
        answer = Answer.objects.create(
            question=locked,
            author=user,
            author_role=_role(user, question.course, access),
            body=body,
            body_html=render_markdown(body),
        )
        Question.objects.filter(pk=question.pk).update(
            answer_count=F("answer_count") + 1, last_activity_at=now
        )
        if locked.author_id and locked.author_id != user.pk:
            notify(locked.author, "question_answered", answer)
    return answer


def upvote(user, post):
    """One up-vote per person and post, counted once however many times it
    is sent. Returns whether this call added it."""
    _taking_part(user, post_course(post))
    if post.author_id == user.pk:
        raise NotAllowed(_("You cannot vote for your own post."))
    if post.is_deleted:
        raise Closed(_("This post was deleted."))
    try:
        with transaction.atomic():
            Vote.objects.create(user=user, **on_post(post))
            type(post).objects.filter(pk=post.pk).update(votes=F("votes") + 1)
    except IntegrityError:
        return False  # already voted: the unique constraint said so
    return True


def accept_answer(user, answer):
    """The asker, or someone who moderates the course, marks the answer that
    solved the question (choosing another replaces it)."""
    question = answer.question
    access = _taking_part(user, question.course)
    if not (access.moderates or question.author_id == user.pk):
        raise NotAllowed(_("Only the person who asked can accept an answer."))
    if answer.is_deleted:
        raise Closed(_("This answer was deleted."))
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(accepted_answer=answer)
        # Accepting one's own answer earns nothing.
        if answer.author_id and answer.author_id != question.author_id:
            points_for(
                answer.author_id,
                XPEvent.Reason.ANSWER_ACCEPTED,
                answer.pk,
                question.course_id,
            )
        if answer.author_id and answer.author_id != user.pk:
            notify(answer.author, "answer_accepted", answer)
    question.accepted_answer = answer
    return question


def edit_post(user, post, *, body, title=None):
    """The author corrects a post within the edit window; it shows "edited"."""
    _taking_part(user, post_course(post))
    if post.author_id != user.pk:
        raise NotAllowed(_("Only the author can edit a post."))
    if post.is_deleted:
        raise Closed(_("This post was deleted."))
    if timezone.now() - post.created_at > EDIT_WINDOW:
        raise Closed(_("Posts can be edited for 30 minutes after they are written."))
    post.body = _clean_body(body)
    post.body_html = render_markdown(post.body)
    post.edited_at = timezone.now()
    fields = ["body", "body_html", "edited_at"]
    if title is not None and isinstance(post, Question):
        if not title.strip():
            raise CommunityError(_("Give your question a title."))
        post.title = title.strip()[:200]
        fields.append("title")
    post.save(update_fields=fields)
    return post


def delete_post(user, post):
    """Soft delete by the author or a moderator: the thread stays readable,
    the post's text goes."""
    access = _taking_part(user, post_course(post))
    if not (access.moderates or post.author_id == user.pk):
        raise NotAllowed(_("Only the author or a moderator can delete a post."))
    if post.is_deleted:
        return post
    with transaction.atomic():
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at"])
        if isinstance(post, Answer):
            # A deleted answer no longer answers: "unanswered" counts on this.
            Question.objects.filter(pk=post.question_id).update(
                answer_count=F("answer_count") - 1
            )
    return post


def set_pinned(user, question, pinned):
    require_moderator(user, question.course)
    question.is_pinned = pinned
    question.save(update_fields=["is_pinned"])
    return question


def set_locked(user, question, locked):
    require_moderator(user, question.course)
    question.is_locked = locked
    question.save(update_fields=["is_locked"])
    return question


def post_course(post):
    return post.question.course if isinstance(post, Answer) else post.course
