"""Business actions of learning, one module per family (`enrolment`,
`progress`, `activity`, `quizzes`, `assignments`, `certificates`,
`requirements`, `roster`, `learning_time`, `privacy`); the names views and
other apps use are gathered here. Views, admin, API and tasks call these;
none of them writes an Enrollment or LessonProgress row itself."""

from .enrolment import (
    EnrollmentOutcome,
    enroll,
    has_verified_email,
    hold_enrollment,
    leave_course,
    notify,
    release_held_enrollment,
)
from .errors import (
    CohortFull,
    CompletionNotManual,
    CourseNotOpen,
    EmailNotVerified,
    LearningError,
    LessonLocked,
    NoCohortOpen,
    NotEnrolled,
    NotFreeCourse,
    PrerequisiteMissing,
)
from .learning_time import HEARTBEAT_GRACE_SECONDS, HEARTBEAT_MAX_SECONDS
from .progress import (
    CourseProgress,
    complete_lesson,
    course_progress,
    next_lesson_for,
    record_progress,
    start_lesson,
)

__all__ = [
    "HEARTBEAT_GRACE_SECONDS",
    "HEARTBEAT_MAX_SECONDS",
    "CohortFull",
    "CompletionNotManual",
    "CourseNotOpen",
    "CourseProgress",
    "EmailNotVerified",
    "EnrollmentOutcome",
    "LearningError",
    "LessonLocked",
    "NotEnrolled",
    "NotFreeCourse",
    "NoCohortOpen",
    "PrerequisiteMissing",
    "complete_lesson",
    "course_progress",
    "enroll",
    "has_verified_email",
    "hold_enrollment",
    "leave_course",
    "next_lesson_for",
    "notify",
    "record_progress",
    "release_held_enrollment",
    "start_lesson",
]
