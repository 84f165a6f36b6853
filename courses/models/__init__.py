"""The catalogue page tree: catalogue -> course -> section, programmes of
courses, plus course categories and certificate templates."""

from ..choices import COURSE_LANGUAGES
from .catalogue import CATALOGUE_PAGE_SIZE, CourseIndexPage, public_courses
from .cohort import Cohort, next_open_cohort
from .course import CoursePage, default_currency
from .programme import ProgrammeCourse, ProgrammePage
from .section import SectionPage
from .snippets import CertificateTemplate, CourseCategory

__all__ = [
    "public_courses",
    "CATALOGUE_PAGE_SIZE",
    "COURSE_LANGUAGES",
    "CertificateTemplate",
    "Cohort",
    "CourseCategory",
    "CourseIndexPage",
    "CoursePage",
    "ProgrammeCourse",
    "ProgrammePage",
    "SectionPage",
    "default_currency",
    "next_open_cohort",
]
