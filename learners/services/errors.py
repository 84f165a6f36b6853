"""The refusals of learning: enrolment, access, progress and assessment."""

from home.errors import Refusal


class LearningError(Refusal):
    """A refusal while learning: enrolment, access, progress or assessment."""


class EmailNotVerified(LearningError):
    status_code = 403


class CourseNotOpen(LearningError):
    status_code = 404


class NotFreeCourse(LearningError):
    status_code = 403


class PrerequisiteMissing(LearningError):
    status_code = 403

    def __init__(self, message, courses=()):
        super().__init__(message)
        self.courses = list(courses)


class NoCohortOpen(LearningError):
    status_code = 409


class CohortFull(LearningError):
    status_code = 409


class NotEnrolled(LearningError):
    status_code = 403


class LessonLocked(LearningError):
    status_code = 403

    def __init__(self, access):
        super().__init__(access.message)
        self.access = access


class CompletionNotManual(LearningError):
    status_code = 409
