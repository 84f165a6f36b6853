"""Assignments through the API: the caller's submissions with their grades,
handing work in (text and files, multipart, with the page's checks) and
downloading a submitted file."""

from datetime import datetime
from typing import Annotated

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from home.api_errors import ApiError, refusals
from home.api_pages import PLAIN_TEXT, RowId, file_answer
from home.files import private_file_response
from home.roles import is_staff_member

from ..assessments import LessonAssessments
from ..models import SubmissionFile
from ..services import assignments
from .gate import BlockId, open_lesson
from .security import LEARNER

router = Router(tags=["Assignments"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 409, 413, 422)
FILE = file_answer("The file as it was handed in.", "application/octet-stream")


class FileOut(Schema):
    id: int
    name: str
    size: int
    kind: str
    url: str = Field(description="The API address to download it.")


class CriterionOut(Schema):
    title: str
    score: int | None
    points: int


class SubmissionOut(Schema):
    id: int
    version: int
    status: str = Field(description="submitted, graded or returned.")
    text: str
    submitted_at: datetime
    due_at: datetime | None
    is_late: bool
    files: list[FileOut]
    score: int | None = Field(None, description="Once graded.")
    max_score: int
    pass_score: int
    passed: bool | None = None
    feedback: str = ""
    rubric: list[CriterionOut] = []
    graded_at: datetime | None = None


class AssignmentOut(Schema):
    can_submit: bool
    due_at: datetime | None
    submissions: list[SubmissionOut] = Field(description="Newest first.")


def submission_out(submission, request):
    graded = submission.graded_at is not None
    return SubmissionOut(
        id=submission.pk,
        version=submission.version,
        status=submission.status,
        text=submission.text,
        submitted_at=submission.submitted_at,
        due_at=submission.due_at,
        is_late=submission.is_late,
        files=[
            FileOut(
                id=item.pk,
                name=item.original_name,
                size=item.size,
                kind=item.kind,
                url=request.build_absolute_uri(
                    reverse("api:submission_file", args=[item.pk])
                ),
            )
            for item in submission.files.all()
        ],
        score=submission.score if graded else None,
        max_score=submission.max_score,
        pass_score=submission.pass_score,
        passed=submission.passed if graded else None,
        feedback=submission.feedback if graded else "",
        rubric=[
            CriterionOut(title=title, score=score, points=points)
            for title, score, points in submission.criterion_scores
        ]
        if graded
        else [],
        graded_at=submission.graded_at,
    )


@router.get(
    "/lessons/{lesson_id}/assignments/{block_id}/",
    response={200: AssignmentOut, **REFUSALS},
    summary="An assignment's state for the caller, with their submissions",
)
def assignment_state(request, lesson_id: RowId, block_id: BlockId):
    lesson, answer = open_lesson(request.auth, lesson_id)
    assignment = assignments.assignment_blocks(lesson).get(block_id)
    if assignment is None:
        raise ApiError(404, _("This assignment does not exist."))
    if answer.enrollment is None:  # staff or the instructor, not enrolled
        return AssignmentOut(can_submit=False, due_at=None, submissions=[])
    state = LessonAssessments(answer.enrollment, lesson).assignment(
        block_id, assignment
    )
    return AssignmentOut(
        can_submit=state.can_submit,
        due_at=state.due_at,
        submissions=[submission_out(s, request) for s in state.submissions],
    )


@router.post(
    "/lessons/{lesson_id}/assignments/{block_id}/submissions/",
    response={201: SubmissionOut, **REFUSALS},
    summary="Hand in work: a written answer, files, or both (multipart)",
)
def submit(
    request,
    lesson_id: RowId,
    block_id: BlockId,
    text: Annotated[str, Form(max_length=20000, pattern=PLAIN_TEXT)] = "",
    files: Annotated[list[UploadedFile] | None, File()] = None,
):
    """The assignment's own checks apply: file types by content, sizes, the
    number of files, resubmission rules and the due date (late work is kept
    and marked late)."""
    lesson, _answer = open_lesson(request.auth, lesson_id)
    submission = assignments.submit_assignment(
        request.auth, lesson, block_id, text, files or []
    )
    return Status(201, submission_out(submission, request))


@router.get(
    "/submission-files/{file_id}/",
    response={**REFUSALS},
    summary="Download a submitted file",
    url_name="submission_file",
    openapi_extra=FILE,
)
def submission_file(request, file_id: RowId):
    """For the learner who handed it in, the course's instructor and staff;
    anyone else gets a 404, as on the site."""
    user = request.auth
    files = SubmissionFile.objects.all()
    if not is_staff_member(user):
        files = files.filter(
            Q(submission__enrollment__user=user)
            | Q(submission__enrollment__course__instructor=user)
        )
    item = get_object_or_404(files, pk=file_id)
    if not item.file.storage.exists(item.file.name):
        raise Http404
    return private_file_response(item.file, item.original_name)
