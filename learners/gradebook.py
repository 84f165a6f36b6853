"""The gradebook of a course: learners x assessments, in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, Max, Q

from lessons.models import LessonPage

from .models import Enrollment, LessonProgress, QuizAttempt, Submission
from .services import CourseProgress


@dataclass(frozen=True)
class Assessment:
    lesson: object
    block_id: str
    kind: str  # "quiz" or "assignment"
    title: str

    @property
    def key(self):
        return (self.lesson.pk, self.block_id)


@dataclass
class GradebookRow:
    enrollment: Enrollment
    completed: int = 0
    last_activity: object = None
    scores: dict = field(default_factory=dict)  # assessment key -> text

    @property
    def learner(self):
        return self.enrollment.user

    @property
    def name(self):
        user = self.learner
        return user.get_full_name() or user.email or user.username


SORTS = {"name", "progress", "activity"}


class Gradebook:
    def __init__(self, course, sort="name"):
        self.course = course
        self.sort = sort if sort in SORTS else "name"
        lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
        self.lesson_count = len(lessons)
        self.assessments = [
            Assessment(lesson, block.id, block.block_type, block.value["title"])
            for lesson in lessons
            for block in lesson.body
            if block.block_type in {"quiz", "assignment"}
        ]
        self.rows = self._rows(lessons)

    def _rows(self, lessons):
        enrollments = Enrollment.objects.filter(course=self.course).select_related(
            "user"
        )
        rows = {e.pk: GradebookRow(enrollment=e) for e in enrollments}
        progress = (
            LessonProgress.objects.filter(
                enrollment__course=self.course, lesson__in=lessons
            )
            .values("enrollment_id")
            .annotate(
                completed=Count("pk", filter=Q(status=LessonProgress.Status.COMPLETED)),
                last=Max("last_accessed_at"),
            )
        )
        for item in progress:
            row = rows[item["enrollment_id"]]
            row.completed, row.last_activity = item["completed"], item["last"]
        best = (
            QuizAttempt.objects.filter(
                enrollment__course=self.course, percent__isnull=False
            )
            .values("enrollment_id", "lesson_id", "block_id")
            .annotate(best=Max("percent"))
        )
        for item in best:
            rows[item["enrollment_id"]].scores[
                (item["lesson_id"], item["block_id"])
            ] = f"{item['best']}%"
        graded = Submission.objects.filter(
            enrollment__course=self.course, status=Submission.Status.GRADED
        ).order_by("version")
        for sub in graded.values(
            "enrollment_id", "lesson_id", "block_id", "score", "max_score"
        ):
            rows[sub["enrollment_id"]].scores[(sub["lesson_id"], sub["block_id"])] = (
                f"{sub['score']}/{sub['max_score']}"
            )
        return self._sorted(list(rows.values()))

    def _sorted(self, rows):
        if self.sort == "progress":
            return sorted(rows, key=lambda r: (-r.completed, r.name.lower()))
        if self.sort == "activity":
            # Most recent first; learners who never opened a lesson last.
            never = datetime.min.replace(tzinfo=UTC)
            return sorted(rows, key=lambda r: r.last_activity or never, reverse=True)
        return sorted(rows, key=lambda r: r.name.lower())

    def percent(self, row):
        """The same rule as every progress bar: whole percent, rounded down."""
        return CourseProgress(row.completed, self.lesson_count).percent

    def page_rows(self):
        """Rows for the page: the learner, their completion and last activity
        as values the template formats, and one score per assessment."""
        return [
            {
                "row": row,
                "percent": self.percent(row),
                "scores": [row.scores.get(a.key, "") for a in self.assessments],
            }
            for row in self.rows
        ]

    def table(self):
        """Header and rows of plain values, for the page and the CSV export."""
        header = ["Learner", "E-mail", "Completion %", "Last activity"] + [
            f"{a.lesson.title}: {a.title}" for a in self.assessments
        ]
        body = [
            [
                row.name,
                row.learner.email,
                self.percent(row),
                row.last_activity.isoformat(timespec="minutes")
                if row.last_activity
                else "",
            ]
            + [row.scores.get(a.key, "") for a in self.assessments]
            for row in self.rows
        ]
        return header, body
