"""Read models for pages that show a learner's progress: the course page, the
lesson sidebar and the dashboard. Each reads a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.functional import cached_property

from courses.outline import cohorts_of, courses_by_id, syllabuses_of
from home.compiled_query import CompiledQuery
from lessons.models import LessonPage

from .access import CourseAccess, Level, Reason
from .models import (
    Certificate,
    Enrollment,
    LearningDay,
    LessonProgress,
    QuizAttempt,
    Submission,
)
from .services import CourseProgress
from .services.cohorts import missing_courses, open_cohorts

RECENT_ACTIVITY_COUNT = 8
# Up to this many lessons the sidebar lists them all; longer courses list the
# current section's, and the others by name, done and total.
SIDEBAR_FULL_LESSONS = 40


@dataclass(frozen=True)
class SidebarSection:
    page: object
    lessons: list | None  # (lesson, status) pairs, or None when folded
    done: int
    total: int


class CourseState:
    """One user's view of one course: enrolment, progress, next lesson, locks."""

    def __init__(self, user, course, focus=None):
        self.course = course
        self.access = CourseAccess(user, course, focus)
        # {lesson id: "5 December 2026"} for the lessons `status_of` found
        # waiting for their date, for the lists to say when they open.
        self.opening_dates = {}

    @property
    def enrollment(self):
        return self.access.enrollment

    @property
    def is_enrolled(self):
        return self.enrollment is not None and self.enrollment.gives_access

    @property
    def is_privileged(self):
        return self.access.is_privileged

    @property
    def is_completed(self):
        enrollment = self.enrollment
        return enrollment is not None and enrollment.status == (
            Enrollment.Status.COMPLETED
        )

    @cached_property
    def certificate(self):
        """The learner's valid certificate of this course (one query, only
        once the course is completed)."""
        if not self.is_completed:
            return None
        return Certificate.objects.filter(
            enrollment=self.enrollment, revoked_at__isnull=True
        ).first()

    @cached_property
    def progress(self):
        # Sets, not a loop: a course may have a thousand lessons.
        syllabus = self.course.syllabus
        done = len(self.access.completed_ids & syllabus.lesson_ids)
        return CourseProgress(completed=done, total=syllabus.lesson_count)

    @cached_property
    def next_lesson(self):
        """The first lesson, in syllabus order, that is not completed yet."""
        return next(
            (
                lesson
                for lesson in self.access.lessons
                if not self.access.is_completed(lesson)
            ),
            None,
        )

    @cached_property
    def cohorts(self):
        """The course's cohorts that take learners, seats counted now for a
        learner (one query, none in a course that runs no cohorts); as of
        the content version for a visitor, whose page may be cached."""
        published = self.course.open_cohorts()
        if not published or not self.access.user.is_authenticated:
            return published
        return open_cohorts(self.course)

    @cached_property
    def my_cohort(self):
        """The learner's cohort, as published (no query)."""
        enrollment = self.enrollment
        if enrollment is None or enrollment.cohort_id is None:
            return None
        return next(
            (c for c in cohorts_of(self.course.pk) if c.pk == enrollment.cohort_id),
            None,
        )

    @cached_property
    def missing_courses(self):
        """Required courses the learner has not completed yet."""
        if not self.access.user.is_authenticated or self.is_enrolled:
            return []
        return missing_courses(self.access.user, self.course)

    def status_of(self, lesson):
        if self.access.is_completed(lesson):
            return "completed"
        answer = self.access.decide(lesson)
        if answer.reason == Reason.SCHEDULED:
            self.opening_dates[lesson.pk] = answer.opens_on
            return "scheduled"
        return "locked" if answer.level == Level.LOCKED else "open"

    def sections_around(self, lesson):
        """The lesson sidebar: every section, with its lessons listed for the
        lesson's own section only once the course is long, so the sidebar
        costs the same in a course of ten lessons or a thousand."""
        syllabus = self.course.syllabus
        full = syllabus.lesson_count <= SIDEBAR_FULL_LESSONS
        completed = self.access.completed_ids
        return [
            SidebarSection(
                page=section.page,
                lessons=(
                    [(item, self.status_of(item)) for item in section.lessons]
                    if full or lesson.pk in section.lesson_ids
                    else None
                ),
                done=len(completed & section.lesson_ids),
                total=len(section.lessons),
            )
            for section in syllabus.sections
        ]

    @cached_property
    def sections(self):
        """The syllabus with each lesson's status, for templates."""
        return [
            (
                section.page,
                [(lesson, self.status_of(lesson)) for lesson in section.lessons],
            )
            for section in self.course.syllabus.sections
        ]


def course_state(user, course, focus=None):
    """`focus`: the lesson the page shows, whose progress row it reads."""
    return CourseState(user, course, focus)


@dataclass
class DashboardCourse:
    enrollment: Enrollment
    lessons: list = field(default_factory=list)
    completed_ids: set = field(default_factory=set)
    by_id: dict | None = None  # the syllabus's {lesson id: lesson}, when known

    @property
    def course(self):
        return self.enrollment.course

    @cached_property
    def progress(self):
        # A set intersection, not a loop: a course may have a thousand lessons.
        if self.by_id is not None:
            ids = self.by_id.keys()
        else:
            ids = {lesson.pk for lesson in self.lessons}
        done = len(self.completed_ids & ids)
        return CourseProgress(completed=done, total=len(self.lessons))

    @cached_property
    def next_lesson(self):
        return next(
            (ln for ln in self.lessons if ln.pk not in self.completed_ids), None
        )


@dataclass(frozen=True)
class Grade:
    course: object
    lesson: object
    title: str
    result: str
    passed: bool


@dataclass
class Dashboard:
    in_progress: list
    completed: list
    inactive: list
    seconds_learnt: int
    recent: list
    grades: list = field(default_factory=list)
    certificates: list = field(default_factory=list)

    def pages(self):
        """The course and lesson pages it links to."""
        items = (*self.in_progress, *self.completed, *self.inactive)
        yield from (item.course for item in items)
        yield from (item.next_lesson for item in items if item.next_lesson)
        yield from (record.lesson for record in self.recent)

    @property
    def continue_with(self):
        """The most recently active course that still has a lesson to do."""
        return next((item for item in self.in_progress if item.next_lesson), None)


# The dashboard's reads, compiled once per process (home/compiled_query.py).
_ENROLMENTS = CompiledQuery(
    lambda user: Enrollment.objects.filter(user_id=user).order_by("-updated_at")
)
_COMPLETED = CompiledQuery(
    lambda user: LessonProgress.objects.filter(
        enrollment__user_id=user, status=LessonProgress.Status.COMPLETED
    ).values_list("enrollment_id", "lesson_id")
)
_RECENT = CompiledQuery(
    lambda user: LessonProgress.objects.filter(
        enrollment__user_id=user, last_accessed_at__isnull=False
    ).order_by("-last_accessed_at")[:RECENT_ACTIVITY_COUNT]
)
_SECONDS = CompiledQuery(
    lambda user: (
        LearningDay.objects.filter(enrollment__user_id=user)
        .values("enrollment__user_id")
        .annotate(total=Sum("seconds"))
        .values_list("total")
    )
)
_ATTEMPTS = CompiledQuery(
    lambda user: QuizAttempt.objects.filter(
        enrollment__user_id=user, status=QuizAttempt.Status.SUBMITTED
    ).order_by("percent")
)
_SUBMISSIONS = CompiledQuery(
    lambda user: Submission.objects.filter(
        enrollment__user_id=user, status=Submission.Status.GRADED
    ).order_by("version")
)
_CERTIFICATES = CompiledQuery(
    lambda user: Certificate.objects.filter(
        enrollment__user_id=user, revoked_at__isnull=True
    )
)


def dashboard_for(user):
    """Everything `/dashboard/` shows, in a fixed number of queries however
    many courses."""
    enrollments = _ENROLMENTS.objects(user=user.pk)
    # Courses and syllabuses this worker already holds cost nothing; the
    # others are read together.
    courses = courses_by_id({e.course_id for e in enrollments})
    for enrollment in enrollments:
        enrollment.course = courses[enrollment.course_id]
    items = {e.pk: DashboardCourse(enrollment=e) for e in enrollments}
    syllabuses = syllabuses_of(list(courses.values()))
    for enrollment in enrollments:
        syllabus = syllabuses[enrollment.course_id]
        items[enrollment.pk].lessons = syllabus.lessons
        items[enrollment.pk].by_id = syllabus.by_id
    for enrollment_id, lesson_id in _COMPLETED.rows(user=user.pk):
        items[enrollment_id].completed_ids.add(lesson_id)
    seconds = sum(total for (total,) in _SECONDS.rows(user=user.pk))
    recent = _RECENT.objects(user=user.pk)
    # Lessons and courses come from the syllabuses and enrolments already in
    # hand, not from a join per list.
    attempts, submissions = graded_records(user)
    pages = _Pages(enrollments, syllabuses)
    for record in (*recent, *attempts, *submissions):
        pages.attach(record)
    pages.resolve()
    status = Enrollment.Status
    return Dashboard(
        grades=grades_from(attempts, submissions),
        certificates=_CERTIFICATES.objects(user=user.pk),
        in_progress=[i for i in items.values() if i.enrollment.status == status.ACTIVE],
        completed=[
            i for i in items.values() if i.enrollment.status == status.COMPLETED
        ],
        inactive=[i for i in items.values() if not i.enrollment.gives_access],
        seconds_learnt=seconds,
        recent=recent,
    )


class _Pages:
    """Gives a learner's records their lesson and course from what the
    dashboard has read already; lessons in no syllabus (unpublished since)
    are read together, in one query."""

    def __init__(self, enrollments, syllabuses):
        self.enrollments = {e.pk: e for e in enrollments}
        self.syllabuses = syllabuses
        self.lessons = {}
        self.pending = []

    def attach(self, record):
        enrollment = self.enrollments[record.enrollment_id]
        record.enrollment = enrollment
        lesson = self.syllabuses[enrollment.course_id].by_id.get(record.lesson_id)
        if lesson is not None:
            self.lessons[lesson.pk] = lesson
        self.pending.append(record)

    def resolve(self):
        missing = {r.lesson_id for r in self.pending} - set(self.lessons)
        if missing:
            for lesson in LessonPage.objects.filter(
                pk__in=missing
            ).defer_streamfields():
                self.lessons[lesson.pk] = lesson
        for record in self.pending:
            record.lesson = self.lessons[record.lesson_id]
        self.pending = []


def graded_records(user):
    """The learner's submitted quiz attempts and graded submissions."""
    return _ATTEMPTS.objects(user=user.pk), _SUBMISSIONS.objects(user=user.pk)


def grades_from(attempts, submissions):
    """Best released quiz score and latest assignment grade per assessment."""
    best = {}
    for attempt in attempts:
        if attempt.shows_score:
            best[(attempt.lesson_id, attempt.block_id)] = Grade(
                attempt.enrollment.course,
                attempt.lesson,
                attempt.snapshot["title"],
                f"{attempt.percent}%",
                attempt.passed,
            )
    for submission in submissions:
        best[(submission.lesson_id, submission.block_id)] = Grade(
            submission.enrollment.course,
            submission.lesson,
            submission.lesson.title,
            f"{submission.score}/{submission.max_score}",
            submission.passed,
        )
    return list(best.values())
