"""The one access policy: may this user see this lesson, or this lesson file?

Every way into lesson content (the lesson page, its documents, and later the
quiz, H5P files, the API and AI-tool tokens) asks `lesson_access` or
`CourseAccess`; nothing else decides.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from courses.outline import cohorts_of
from courses.translations import lesson_ids_in, original_id, original_ids
from home.compiled_query import CompiledQuery
from home.roles import is_staff_member
from lessons.models import lessons_using

from .drip import describe_opening, learner_start, opening_time
from .models import Enrollment, LessonProgress


class Level(StrEnum):
    FULL = "full"  # the whole lesson
    TEASER = "teaser"  # title, summary and a call to action
    LOCKED = "locked"  # title and why it is locked


class Reason(StrEnum):
    OPEN = "open"
    STAFF = "staff"
    FREE_PREVIEW = "free_preview"
    NOT_LOGGED_IN = "not_logged_in"
    NOT_ENROLLED = "not_enrolled"
    ENROLLMENT_INACTIVE = "enrollment_inactive"
    PAYMENT_DISPUTED = "payment_disputed"
    PREREQUISITE = "prerequisite"
    SEQUENCE = "sequence"
    SCHEDULED = "scheduled"  # drip: it opens on a date
    UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class LessonAccess:
    """The policy's answer for one lesson, with what the learner can do next."""

    level: Level
    reason: Reason
    blocking_lesson: object = None  # the lesson to complete first, if any
    enrollment: Enrollment | None = None
    lesson: object = None  # for a document: the lesson that opened it
    progress: object = None  # the learner's progress row, read with the answer
    opens_at: object = None  # when a scheduled lesson opens
    zone: object = None  # the time zone its date is told in

    @property
    def opens_on(self):
        """When a scheduled lesson opens, as the learner reads it."""
        if self.opens_at is None:
            return ""
        return describe_opening(self.opens_at, self.zone)

    @property
    def allowed(self):
        return self.level == Level.FULL

    @property
    def message(self):
        blocking = self.blocking_lesson.title if self.blocking_lesson else ""
        messages = {
            Reason.NOT_LOGGED_IN: _(
                "Log in and enrol in this course to open the lesson."
            ),
            Reason.NOT_ENROLLED: _("Enrol in this course to open the lesson."),
            Reason.ENROLLMENT_INACTIVE: _(
                "Your enrolment is not active (%(status)s). Enrol again to continue."
            )
            % {
                "status": self.enrollment.get_status_display()
                if self.enrollment
                else ""
            },
            Reason.PAYMENT_DISPUTED: _(
                "Your access is paused while your bank looks into a dispute "
                "about the payment. It comes back as soon as the payment stands."
            ),
            Reason.PREREQUISITE: _("Complete “%(lesson)s” first.")
            % {"lesson": blocking},
            Reason.SEQUENCE: _(
                "Lessons in this course open in order: complete “%(lesson)s” first."
            )
            % {"lesson": blocking},
            Reason.UNPUBLISHED: _("This lesson is not published."),
        }
        if self.reason == Reason.SCHEDULED:
            return _("This lesson opens on %(date)s.") % {"date": self.opens_on}
        return messages.get(self.reason, "")


_ENROLMENT_FIELDS = [field.attname for field in Enrollment._meta.concrete_fields]
_PROGRESS_FIELDS = [field.attname for field in LessonProgress._meta.concrete_fields]
# Every lesson view, heartbeat and course page asks this, so its SQL is built
# once per process (home/compiled_query.py). Each progress row gives its
# lesson and status, which is all locks and lists read; the whole row comes
# back only for the lesson the request is about (`focus`), so a learner with
# five hundred lessons done costs what one with five does.
_SNAPSHOT = CompiledQuery(
    lambda user, course, focus: (
        Enrollment.objects.filter(user_id=user, course_id=course)
        .order_by("pk", "progress__pk")
        .values_list(
            *_ENROLMENT_FIELDS,
            "progress__lesson_id",
            "progress__status",
            *(
                Case(When(progress__lesson_id=focus, then=F(f"progress__{name}")))
                for name in _PROGRESS_FIELDS
            ),
        )
    )
)
NO_FOCUS = 0  # no lesson has this id


class CourseAccess:
    """What one user may open in one course, read in a fixed number of
    queries. `focus` is the lesson the request is about, if any: its
    progress row is read with the rest. Dripped lessons open by `now` in
    `zone`, the learner's time zone (the request's, unless given)."""

    def __init__(self, user, course, focus=None, *, now=None, zone=None):
        self.user = user
        self.course = course
        self.focus = focus
        self.focus_id = focus.pk if focus is not None else NO_FOCUS
        self.now = now or timezone.now()
        self.zone = zone or timezone.get_current_timezone()

    @cached_property
    def is_privileged(self):
        return is_staff_member(self.user) or self.course.instructor_id == self.user.pk

    @cached_property
    def learning_course_id(self):
        """The course the learner's records are kept on: this one, or the
        original when this is a translation (courses/translations.py)."""
        return original_id(self.course)

    @cached_property
    def _own_lesson_ids(self):
        """{original lesson id: this copy's lesson id}, for a translation."""
        if self.learning_course_id == self.course.pk:
            return None
        return lesson_ids_in(self.course)

    def _learning_id(self, lesson):
        if self._own_lesson_ids is None:
            return lesson.pk
        return original_ids([lesson])[lesson.pk]

    @cached_property
    def _snapshot(self):
        """The enrolment, each lesson's progress status, and the focus
        lesson's progress row, in one query: a LEFT JOIN from the enrolment,
        so one without progress still comes back. On a translation, the
        rows are the original's, told in this copy's lesson ids."""
        if not self.user.is_authenticated:
            return None, {}, None
        own, db = len(_ENROLMENT_FIELDS), _SNAPSHOT.using
        enrollment, statuses, focused = None, {}, None
        ids = self._own_lesson_ids or {}
        focus = self._learning_id(self.focus) if self.focus else NO_FOCUS
        rows = _SNAPSHOT.rows(
            user=self.user.pk, course=self.learning_course_id, focus=focus
        )
        for row in rows:
            if enrollment is None:
                enrollment = Enrollment.from_db(db, _ENROLMENT_FIELDS, row[:own])
            lesson_id, status = row[own], row[own + 1]
            if lesson_id is None:  # the LEFT JOIN found no progress row
                continue
            statuses[ids.get(lesson_id, lesson_id)] = status
            if lesson_id == focus:
                focused = LessonProgress.from_db(db, _PROGRESS_FIELDS, row[own + 2 :])
                focused.enrollment = enrollment
        return enrollment, statuses, focused

    @property
    def enrollment(self):
        return self._snapshot[0]

    def progress_of(self, lesson):
        """The learner's progress row for `lesson`: read with the policy for
        the focus lesson, by one more query for another that has one."""
        enrollment, statuses, focused = self._snapshot
        if lesson.pk not in statuses:
            return None
        if lesson.pk == self.focus_id:
            return focused
        record = LessonProgress.objects.get(
            enrollment=enrollment, lesson_id=self._learning_id(lesson)
        )
        record.enrollment = enrollment
        return record

    @cached_property
    def completed_ids(self):
        return frozenset(
            lesson_id
            for lesson_id, status in self._snapshot[1].items()
            if status == LessonProgress.Status.COMPLETED
        )

    @cached_property
    def lessons(self):
        return self.course.syllabus.lessons

    @cached_property
    def prerequisites(self):
        """{lesson id: [live prerequisite lessons]} for the whole course."""
        return self.course.syllabus.prerequisites

    def is_completed(self, lesson):
        return lesson.pk in self.completed_ids

    @cached_property
    def _start(self):
        """When this learner's days are counted from, or None when nothing
        in the course waits for a date."""
        enrollment = self.enrollment
        if enrollment is None:
            return None
        cohorts = cohorts_of(self.learning_course_id) if enrollment.cohort_id else ()
        if not cohorts and not self.course.syllabus.delays:
            return None
        return learner_start(enrollment, cohorts)

    def opens_at(self, lesson):
        """When `lesson` opens for this learner, or None if it never waits."""
        start = self._start
        if start is None:
            return None
        days = self.course.syllabus.delays.get(lesson.pk, 0)
        return opening_time(start, days, self.zone)

    def for_lesson(self, lesson):
        """The answer for `lesson`, with the learner's progress row."""
        answer = self.decide(lesson)
        if answer.enrollment is None:
            return answer
        return replace(answer, progress=self.progress_of(lesson))

    def level_of(self, lesson):
        """The level alone, for lists that show a status per lesson."""
        return self.decide(lesson).level

    def decide(self, lesson):
        """The answer without the progress row: for lists and links."""
        if self.is_privileged:
            return LessonAccess(Level.FULL, Reason.STAFF, enrollment=self.enrollment)
        if not (self.course.live and lesson.live):
            return LessonAccess(Level.LOCKED, Reason.UNPUBLISHED)
        if lesson.free_preview:
            return LessonAccess(
                Level.FULL, Reason.FREE_PREVIEW, enrollment=self.enrollment
            )
        if not self.user.is_authenticated:
            return LessonAccess(Level.TEASER, Reason.NOT_LOGGED_IN)
        enrollment = self.enrollment
        if enrollment is None:
            return LessonAccess(Level.TEASER, Reason.NOT_ENROLLED)
        if not enrollment.gives_access:
            reason = (
                Reason.PAYMENT_DISPUTED
                if enrollment.status == Enrollment.Status.SUSPENDED
                else Reason.ENROLLMENT_INACTIVE
            )
            return LessonAccess(Level.TEASER, reason, enrollment=enrollment)
        opens_at = self.opens_at(lesson)
        if opens_at is not None and self.now < opens_at:
            return LessonAccess(
                Level.LOCKED,
                Reason.SCHEDULED,
                enrollment=enrollment,
                opens_at=opens_at,
                zone=self.zone,
            )
        for prerequisite in self.prerequisites.get(lesson.pk, []):
            if not self.is_completed(prerequisite):
                return LessonAccess(
                    Level.LOCKED, Reason.PREREQUISITE, prerequisite, enrollment
                )
        if self.course.sequential_lessons:
            previous = self.course.syllabus.previous_of(lesson)
            if previous and not self.is_completed(previous):
                return LessonAccess(Level.LOCKED, Reason.SEQUENCE, previous, enrollment)
        return self._open

    @cached_property
    def _open(self):
        # One answer for every open lesson (answers are frozen): a course page
        # asks for each of a thousand lessons.
        return LessonAccess(Level.FULL, Reason.OPEN, enrollment=self.enrollment)


def lesson_access(user, lesson):
    """The policy's answer for `user` and `lesson`."""
    course = lesson.course
    if course is None:
        # A lesson not yet in a course: only an editor previewing a new page.
        if is_staff_member(user) or user.has_perm("wagtailadmin.access_admin"):
            return LessonAccess(Level.FULL, Reason.STAFF)
        return LessonAccess(Level.LOCKED, Reason.UNPUBLISHED)
    return CourseAccess(user, course, focus=lesson).for_lesson(lesson)


def document_access(user, document):
    """A document used in lessons opens only for someone who may open one of them."""
    return content_access(user, document)


def content_access(user, obj):
    """A file or package used in lessons (a document, an H5P package) opens
    only for someone who may open one of those lessons."""
    lessons = list(lessons_using(obj))
    if not lessons:
        return LessonAccess(Level.FULL, Reason.OPEN)
    answers = [
        replace(lesson_access(user, lesson), lesson=lesson) for lesson in lessons
    ]
    return next((answer for answer in answers if answer.allowed), answers[0])


@dataclass(frozen=True)
class CommunityAccess:
    """Whether a user takes part in a course's community (questions, reviews,
    announcements), and as whom."""

    allowed: bool
    reason: Reason
    moderates: bool = False  # the course's instructor, staff and moderators
    enrollment: Enrollment | None = None

    @property
    def message(self):
        return {
            Reason.NOT_LOGGED_IN: _("Log in to read and ask questions."),
            Reason.NOT_ENROLLED: _("Enrol in this course to read and ask questions."),
            Reason.ENROLLMENT_INACTIVE: _(
                "Your enrolment is not active, so the course's questions are "
                "closed to you. Enrol again to take part."
            ),
            Reason.PAYMENT_DISPUTED: _(
                "Your access is paused while your bank looks into a dispute "
                "about the payment."
            ),
            Reason.UNPUBLISHED: _("This course is not published."),
        }.get(self.reason, "")


def community_access(user, course):
    """Only people who may open a course take part in its community: its
    instructor and staff (who moderate it), and learners whose enrolment
    gives access. The enrolment is read as the lesson pages read it."""
    if not user.is_authenticated:
        return CommunityAccess(False, Reason.NOT_LOGGED_IN)
    access = CourseAccess(user, course)
    if access.is_privileged:
        return CommunityAccess(True, Reason.STAFF, moderates=True)
    if not course.live:
        return CommunityAccess(False, Reason.UNPUBLISHED)
    enrollment = access.enrollment
    if enrollment is None:
        return CommunityAccess(False, Reason.NOT_ENROLLED)
    if not enrollment.gives_access:
        reason = (
            Reason.PAYMENT_DISPUTED
            if enrollment.status == Enrollment.Status.SUSPENDED
            else Reason.ENROLLMENT_INACTIVE
        )
        return CommunityAccess(False, reason, enrollment=enrollment)
    return CommunityAccess(True, Reason.OPEN, enrollment=enrollment)
