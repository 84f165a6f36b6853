"""A learner's records: profile, enrolments, progress, attempts and submissions."""

from .assessment import QuizAttempt, Submission, SubmissionFile
from .certificate import Certificate
from .enrollment import Enrollment
from .notification import SentEmail
from .profile import Profile
from .progress import LessonProgress

__all__ = [
    "Certificate",
    "Enrollment",
    "LessonProgress",
    "Profile",
    "QuizAttempt",
    "SentEmail",
    "Submission",
    "SubmissionFile",
]
