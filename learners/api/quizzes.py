"""Quiz attempts through the API: start, autosave, submit and read results,
with the page's rules (attempt limits, time limits, results held back until
the instructor releases them) and through the one access policy."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from home.api_errors import ApiError, refusals
from home.api_pages import InputSchema, RowId
from lessons.grading import public_questions, quiz_blocks

from ..assessments import QuizState
from ..models import QuizAttempt
from ..services import quizzes
from .gate import BlockId, open_lesson
from .security import LEARNER

router = Router(tags=["Quizzes"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 409, 422)
# One answer: an option id, true/false, a word or a number as text; a
# multiple-choice question takes a list of option ids.
Answer = str | list[Annotated[str, Field(max_length=64)]]


class OptionOut(Schema):
    id: str
    text: str


class QuestionOut(Schema):
    id: str
    type: str = Field(description="multiple_choice, true_false, short_text or numeric.")
    prompt: str
    points: Decimal
    options: list[OptionOut] | None = None
    partial_credit: bool | None = None


class ResultOut(Schema):
    question_id: str
    earned: Decimal
    points: Decimal
    explanation: str


class AttemptOut(Schema):
    id: int
    lesson_id: int
    block_id: str
    number: int
    status: str = Field(description="in_progress or submitted.")
    started_at: datetime
    deadline: datetime | None
    answers_saved_at: datetime | None
    submitted_at: datetime | None
    questions: list[QuestionOut]
    answers: dict[str, Answer]
    score_shown: bool = Field(
        description="False while the instructor holds the results back."
    )
    score: Decimal | None = None
    max_score: Decimal | None = None
    percent: int | None = None
    passed: bool | None = None
    results: list[ResultOut] | None = Field(
        None, description="Per question, once the quiz's feedback allows."
    )


class QuizOut(Schema):
    passed: bool
    best_percent: int | None
    attempts_left: int | None = Field(description="null: no limit.")
    can_start: bool
    attempts: list[AttemptOut] = Field(description="Newest first.")


class AnswersIn(InputSchema):
    answers: dict[Annotated[str, Field(max_length=64)], Answer] = Field(
        max_length=500, description="{question id: answer}."
    )


class SavedOut(Schema):
    saved_at: datetime


def attempt_out(attempt):
    shown = attempt.shows_score and not attempt.is_open
    explanations = {
        q["id"]: q.get("explanation", "") for q in attempt.snapshot["questions"]
    }
    results = None
    if not attempt.is_open and attempt.shows_answers:
        results = [
            ResultOut(
                question_id=result["id"],
                earned=result["earned"],
                points=result["points"],
                explanation=explanations.get(result["id"], ""),
            )
            for result in attempt.results
        ]
    return AttemptOut(
        id=attempt.pk,
        lesson_id=attempt.lesson_id,
        block_id=attempt.block_id,
        number=attempt.number,
        status=attempt.status,
        started_at=attempt.started_at,
        deadline=attempt.deadline,
        answers_saved_at=attempt.answers_saved_at,
        submitted_at=attempt.submitted_at,
        questions=public_questions(attempt.snapshot),
        answers=attempt.answers,
        score_shown=shown,
        score=attempt.score if shown else None,
        max_score=attempt.max_score if shown else None,
        percent=attempt.percent if shown else None,
        passed=attempt.passed if shown else None,
        results=results,
    )


def _quiz(lesson, block_id):
    quiz = quiz_blocks(lesson).get(block_id)
    if quiz is None:
        raise ApiError(404, _("This quiz does not exist."))
    return quiz


@router.get(
    "/lessons/{lesson_id}/quizzes/{block_id}/",
    response={200: QuizOut, **REFUSALS},
    summary="A quiz's state for the caller, with their attempts",
)
def quiz_state(request, lesson_id: RowId, block_id: BlockId):
    lesson = open_lesson(request.auth, lesson_id)[0]
    quiz = _quiz(lesson, block_id)
    attempts = list(
        QuizAttempt.objects.filter(
            enrollment__user=request.auth, lesson=lesson, block_id=block_id
        ).order_by("-number")
    )
    state = QuizState(quiz, attempts)
    return QuizOut(
        passed=state.passed,
        best_percent=state.best_percent,
        attempts_left=state.attempts_left,
        can_start=state.can_start,
        attempts=[attempt_out(attempt) for attempt in attempts],
    )


@router.post(
    "/lessons/{lesson_id}/quizzes/{block_id}/attempts/",
    response={200: AttemptOut, 201: AttemptOut, **REFUSALS},
    summary="Start an attempt (or get the one already open)",
)
def start(request, lesson_id: RowId, block_id: BlockId):
    """201 with a new attempt; 200 with the open one, so a repeat is safe.
    409 when no attempts are left."""
    lesson = open_lesson(request.auth, lesson_id)[0]
    _quiz(lesson, block_id)
    before = QuizAttempt.objects.filter(
        enrollment__user=request.auth, lesson=lesson, block_id=block_id
    ).count()
    attempt = quizzes.start_attempt(request.auth, lesson, block_id)
    return Status(201 if attempt.number > before else 200, attempt_out(attempt))


def _own_attempt(user, attempt_id):
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("lesson"),
        pk=attempt_id,
        enrollment__user=user,
    )
    open_lesson(user, attempt.lesson_id)
    return attempt


@router.get(
    "/quiz-attempts/{attempt_id}/",
    response={200: AttemptOut, **REFUSALS},
    summary="One of the caller's attempts, with its results as allowed",
)
def attempt(request, attempt_id: RowId):
    return attempt_out(_own_attempt(request.auth, attempt_id))


@router.put(
    "/quiz-attempts/{attempt_id}/answers/",
    response={200: SavedOut, **REFUSALS},
    summary="Autosave the answers so far",
)
def save(request, attempt_id: RowId, body: AnswersIn):
    """While the attempt is open and on time; 409 after."""
    _own_attempt(request.auth, attempt_id)
    saved = quizzes.save_answers(request.auth, attempt_id, body.answers)
    return SavedOut(saved_at=saved.answers_saved_at)


@router.post(
    "/quiz-attempts/{attempt_id}/submit/",
    response={200: AttemptOut, **REFUSALS},
    summary="Hand the attempt in to be graded",
)
def submit(request, attempt_id: RowId, body: AnswersIn):
    """Graded on the server from the questions as asked. After the time
    limit only the answers saved in time count; a second submit is a 409."""
    _own_attempt(request.auth, attempt_id)
    graded = quizzes.submit_attempt(request.auth, attempt_id, body.answers)
    return attempt_out(graded)
