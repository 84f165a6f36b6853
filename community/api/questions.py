"""`/api/v1/courses/<id>/questions/` and `/api/v1/questions/<id>/`: a
course's questions, a thread, asking, answering, voting and accepting."""

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from home.api_errors import ApiError, refusals
from home.api_pages import PLAIN_TEXT, InputSchema, PageQuery, RowId, page_of
from learners.api.security import LEARNER
from learners.models.profile import public_name_of

from .. import services
from ..models import Answer, Vote
from ..services.listing import SHOWS, SORTS, find_questions
from ..services.qa import MAX_BODY
from .gate import open_course, open_question

router = Router(tags=["Community"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 409, 422)
POSTING = refusals(400, 401, 403, 404, 409, 422, 429)


class AuthorOut(Schema):
    name: str = Field(description="Their name as the pages show it; empty if gone.")
    role: str = Field(description="learner, instructor or moderator.")


class PostOut(Schema):
    id: int
    author: AuthorOut
    body_html: str = Field(description="Markdown rendered and sanitised.")
    votes: int
    voted: bool = Field(description="Whether the caller up-voted it.")
    created_at: datetime
    edited: bool
    deleted: bool
    hidden: bool


class QuestionOut(PostOut):
    course_id: int
    lesson_id: int | None
    title: str
    answer_count: int
    accepted_answer_id: int | None
    is_pinned: bool
    is_locked: bool
    last_activity_at: datetime


class AnswerOut(PostOut):
    accepted: bool


class ThreadOut(QuestionOut):
    answers: list[AnswerOut] = Field(description="The accepted one first.")


class QuestionPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[QuestionOut]


class QuestionQuery(PageQuery):
    q: str = Field("", max_length=100, pattern=PLAIN_TEXT, description="Words.")
    show: str = Field("all", pattern="^(" + "|".join(SHOWS) + ")$")
    lesson: int | None = Field(None, ge=1, le=2**63 - 1)
    sort: str = Field(
        "activity",
        pattern="^(" + "|".join(SORTS) + ")$",
        description="activity, relevance (with q), newest or votes.",
    )


class QuestionIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=MAX_BODY, description="Markdown.")
    lesson_id: int | None = Field(None, ge=1, le=2**63 - 1)


class AnswerIn(InputSchema):
    body: str = Field(min_length=1, max_length=MAX_BODY, description="Markdown.")


class VoteOut(Schema):
    counted: bool = Field(description="False if the caller had voted already.")
    votes: int


def _author(post):
    if post.author is None:
        return AuthorOut(name="", role=post.author_role)
    return AuthorOut(name=public_name_of(post.author), role=post.author_role)


def _post(post, voted):
    return {
        "id": post.pk,
        "author": _author(post),
        "body_html": "" if post.is_deleted else post.body_html,
        "votes": post.votes,
        "voted": voted,
        "created_at": post.created_at,
        "edited": post.edited_at is not None,
        "deleted": post.is_deleted,
        "hidden": post.is_hidden,
    }


def question_out(question, voted=False, model=QuestionOut, **extra):
    return model(
        **_post(question, voted),
        course_id=question.course_id,
        lesson_id=question.lesson_id,
        title="" if question.is_deleted else question.title,
        answer_count=question.answer_count,
        accepted_answer_id=question.accepted_answer_id,
        is_pinned=question.is_pinned,
        is_locked=question.is_locked,
        last_activity_at=question.last_activity_at,
        **extra,
    )


def _course_lesson(course, lesson_id, *, status):
    """The course's lesson with this id (None for none asked); refused with
    `status` when the course has no such lesson."""
    if lesson_id is None:
        return None
    lesson = next(
        (item for item in course.syllabus.lessons if item.pk == lesson_id), None
    )
    if lesson is None:
        raise ApiError(status, _("That lesson is not in this course."))
    return lesson


@router.get(
    "/courses/{course_id}/questions/",
    response={200: QuestionPageOut, **REFUSALS},
    summary="A course's questions, filtered, searched and sorted as on the page",
)
def list_questions(request, course_id: RowId, query: Query[QuestionQuery]):
    course, access = open_course(request.auth, course_id)
    lesson = _course_lesson(course, query.lesson, status=404)
    found = find_questions(
        course,
        request.auth,
        access,
        show=query.show,
        lesson=lesson,
        query=query.q,
        sort=query.sort,
    )
    rows, count = page_of(found, query)
    voted = set(
        Vote.objects.filter(
            user=request.auth, question__in=[row.pk for row in rows]
        ).values_list("question_id", flat=True)
    )
    return QuestionPageOut(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[question_out(row, row.pk in voted) for row in rows],
    )


@router.post(
    "/courses/{course_id}/questions/",
    response={201: QuestionOut, **POSTING},
    summary="Ask a question in a course",
)
def ask(request, course_id: RowId, data: QuestionIn):
    course, _access = open_course(request.auth, course_id)
    lesson = _course_lesson(course, data.lesson_id, status=422)
    question = services.ask_question(
        request.auth, course, title=data.title, body=data.body, lesson=lesson
    )
    return Status(201, question_out(question))


@router.get(
    "/questions/{question_id}/",
    response={200: ThreadOut, **REFUSALS},
    summary="A question with its answers",
)
def thread(request, question_id: RowId):
    question, access = open_question(request.auth, question_id)
    answers = list(question.answers.select_related("author__profile"))
    if not access.moderates:
        answers = [answer for answer in answers if not answer.is_hidden]
    voted = set(
        Vote.objects.filter(
            Q(question=question) | Q(answer__question=question), user=request.auth
        ).values_list("question_id", "answer_id")
    )
    answers.sort(key=lambda answer: answer.pk != question.accepted_answer_id)
    return question_out(
        question,
        any(q for q, _a in voted if q),
        model=ThreadOut,
        answers=[
            AnswerOut(
                **_post(answer, (None, answer.pk) in voted),
                accepted=answer.pk == question.accepted_answer_id,
            )
            for answer in answers
        ],
    )


@router.post(
    "/questions/{question_id}/answers/",
    response={201: AnswerOut, **POSTING},
    summary="Answer a question",
)
def answer(request, question_id: RowId, data: AnswerIn):
    question, _access = open_question(request.auth, question_id)
    made = services.answer_question(request.auth, question, body=data.body)
    return Status(201, AnswerOut(**_post(made, False), accepted=False))


@router.post(
    "/questions/{question_id}/vote/",
    response={200: VoteOut, **REFUSALS},
    summary="Up-vote a question (once per person)",
)
def vote_question(request, question_id: RowId):
    question, _access = open_question(request.auth, question_id)
    counted = services.upvote(request.auth, question)
    question.refresh_from_db(fields=["votes"])
    return VoteOut(counted=counted, votes=question.votes)


def _answer(user, answer_id):
    found = Answer.objects.select_related("question", "author__profile").filter(
        pk=answer_id
    )
    answer = found.first()
    if answer is None:
        raise ApiError(404, _("There is no such answer."))
    question, access = open_question(user, answer.question_id)
    if answer.is_hidden and not access.moderates:
        raise ApiError(404, _("There is no such answer."))
    answer.question = question
    return answer


@router.post(
    "/answers/{answer_id}/vote/",
    response={200: VoteOut, **REFUSALS},
    summary="Up-vote an answer (once per person)",
)
def vote_answer(request, answer_id: RowId):
    answer = _answer(request.auth, answer_id)
    counted = services.upvote(request.auth, answer)
    answer.refresh_from_db(fields=["votes"])
    return VoteOut(counted=counted, votes=answer.votes)


@router.post(
    "/answers/{answer_id}/accept/",
    response={200: QuestionOut, **REFUSALS},
    summary="Accept the answer that solved the question (the asker or a moderator)",
)
def accept(request, answer_id: RowId):
    answer = _answer(request.auth, answer_id)
    return question_out(services.accept_answer(request.auth, answer))
