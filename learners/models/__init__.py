"""A learner's records: profile, enrolments, progress, attempts and submissions."""

from .activity import LearningEvent, VideoWatch
from .api_access import ApiDevice, ApiKey, IdempotentRequest, RefreshToken
from .assessment import QuizAttempt, Submission, SubmissionFile
from .certificate import Certificate
from .cmi5 import Cmi5Registration, Cmi5Session, Cmi5State, Cmi5Statement
from .enrollment import Enrollment
from .h5p_state import H5PState
from .notification import Notification, NotificationPreference, SentEmail
from .privacy import DataExport, ErasureRequest
from .profile import Profile
from .programme import ProgrammeCertificate, ProgrammeEnrollment
from .progress import LearningDay, LessonProgress
from .scorm import ScormRecord
from .stats import CourseDay, CourseStats, LessonStats

__all__ = [
    "ApiDevice",
    "ApiKey",
    "Certificate",
    "Cmi5Registration",
    "Cmi5Session",
    "Cmi5State",
    "Cmi5Statement",
    "CourseDay",
    "CourseStats",
    "DataExport",
    "Enrollment",
    "ErasureRequest",
    "H5PState",
    "IdempotentRequest",
    "LearningDay",
    "LearningEvent",
    "LessonProgress",
    "LessonStats",
    "Notification",
    "NotificationPreference",
    "Profile",
    "ProgrammeCertificate",
    "ProgrammeEnrollment",
    "QuizAttempt",
    "RefreshToken",
    "ScormRecord",
    "SentEmail",
    "Submission",
    "SubmissionFile",
    "VideoWatch",
]
