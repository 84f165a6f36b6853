"""A learner's records: profile, enrolments, progress, attempts and submissions."""

from .assessment import QuizAttempt, Submission, SubmissionFile
from .enrollment import Enrollment
from .profile import Profile
from .progress import LessonProgress

__all__ = [
    "Enrollment",
    "LessonProgress",
    "Profile",
    "QuizAttempt",
    "Submission",
    "SubmissionFile",
]
