"""A course's learners as staff see them, and enrolling people by e-mail or
from a CSV file, with a report line for every row."""

import csv
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Avg, Count, Max, OuterRef, Subquery
from django.utils.translation import gettext as _

from home.errors import Refusal

from ..models import Enrollment, LessonProgress, QuizAttempt
from .enrolment import enroll
from .errors import LearningError

MAX_ROWS = 2000
MAX_BYTES = 512 * 1024


class RosterError(Refusal):
    """The uploaded file cannot be read as a list of e-mail addresses."""


@dataclass(frozen=True)
class RowResult:
    line: int
    email: str
    ok: bool
    message: str


def course_roster(course):
    """Enrolments with progress, last activity and average quiz grade, in one
    query however many learners."""
    lesson_ids = [lesson.pk for lesson in course.syllabus.lessons]
    progress = LessonProgress.objects.filter(enrollment=OuterRef("pk")).values(
        "enrollment"
    )
    completed = progress.filter(
        status=LessonProgress.Status.COMPLETED, lesson__in=lesson_ids
    ).annotate(n=Count("pk"))
    last = progress.annotate(at=Max("last_accessed_at"))
    grade = (
        QuizAttempt.objects.filter(
            enrollment=OuterRef("pk"), submitted_at__isnull=False
        )
        .values("enrollment")
        .annotate(average=Avg("percent"))
    )
    return (
        Enrollment.objects.filter(course=course)
        .exclude(status=Enrollment.Status.PENDING)
        .select_related("user")
        .annotate(
            lessons_completed=Subquery(completed.values("n")),
            last_activity=Subquery(last.values("at")),
            quiz_average=Subquery(grade.values("average")),
        )
        .order_by("user__last_name", "user__first_name", "user__email")
    ), len(lesson_ids)


def read_roster_csv(uploaded):
    """[(line, e-mail)] from a CSV with an "email" column, or one address per
    line."""
    if uploaded.size > MAX_BYTES:
        raise RosterError(_("The file is larger than 512 KB."))
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError(_("Save the file as UTF-8 CSV and try again.")) from error
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RosterError(_("The file is empty."))
    header = [cell.strip().lower() for cell in rows[0]]
    column, start = (header.index("email"), 1) if "email" in header else (0, 0)
    found = [
        (number, row[column].strip() if len(row) > column else "")
        for number, row in enumerate(rows[start:], start=start + 1)
        if any(cell.strip() for cell in row)
    ]
    if len(found) > MAX_ROWS:
        raise RosterError(_("At most %(max)s rows at a time.") % {"max": MAX_ROWS})
    return found


def enrol_emails(course, numbered_emails):
    """Enrol each address that belongs to an account; say what happened to
    every row, so a failed row never hides among the good ones."""
    return [_enrol_one(course, line, email) for line, email in numbered_emails]


def _enrol_one(course, line, email):
    try:
        validate_email(email)
    except ValidationError:
        return RowResult(line, email, False, _("Not an e-mail address."))
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return RowResult(line, email, False, _("No account uses this address."))
    try:
        outcome = enroll(user, course, Enrollment.Source.ADMIN)
    except LearningError as error:
        return RowResult(line, email, False, error.message)
    if outcome.already_enrolled:
        return RowResult(line, email, True, _("Already enrolled."))
    return RowResult(line, email, True, _("Enrolled."))
