"""A learner's records: profile, enrolments and lesson progress."""

from .enrollment import Enrollment
from .profile import Profile
from .progress import LessonProgress

__all__ = ["Enrollment", "LessonProgress", "Profile"]
