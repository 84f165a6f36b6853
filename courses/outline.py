"""A course as its learners' pages read it, kept per worker for the content
version: which course a page belongs to, and the course's syllabus. Every
lesson view needs both; neither changes until the content does."""

from home import content_version
from home.content_version import VersionedMemo

from .models import CoursePage

NO_COURSE = "none"
_course_of_path = VersionedMemo()
_syllabus_of_course = VersionedMemo(size=512)
_course_by_id = VersionedMemo(size=2048)


def course_of(page):
    """The course `page` is in (or is), or None. The course object is shared
    by the requests of this worker: read it, never change it."""
    if not page.path:
        return None  # a page not yet in the tree
    version = content_version.current()
    known = _course_of_path.get(page.path)
    if known is None:
        known = (
            CoursePage.objects.ancestor_of(page, inclusive=True).first() or NO_COURSE
        )
        _course_of_path.put(page.path, known, version)
    return None if known == NO_COURSE else known


def syllabus_of(course):
    from .syllabus import build_syllabus  # it imports the models

    if not course.pk:
        return build_syllabus(course)
    version = content_version.current()
    syllabus = _syllabus_of_course.get(course.pk)
    if syllabus is None:
        syllabus = build_syllabus(course)
        _syllabus_of_course.put(course.pk, syllabus, version)
    return syllabus


def syllabuses_of(courses):
    """{course id: Syllabus}; those not held yet are read together."""
    from .syllabus import build_syllabuses

    version = content_version.current()
    found, missing = {}, []
    for course in courses:
        syllabus = _syllabus_of_course.get(course.pk)
        if syllabus is None:
            missing.append(course)
        else:
            found[course.pk] = syllabus
    for pk, syllabus in build_syllabuses(missing).items():
        _syllabus_of_course.put(pk, syllabus, version)
        found[pk] = syllabus
    return found


def courses_by_id(ids):
    """{course id: CoursePage}; those not held yet are read together. The
    objects are shared by the requests of this worker: read, never change."""
    version = content_version.current()
    found, missing = {}, []
    for pk in ids:
        course = _course_by_id.get(pk)
        if course is None:
            missing.append(pk)
        else:
            found[pk] = course
    for course in CoursePage.objects.filter(pk__in=missing) if missing else ():
        _course_by_id.put(course.pk, course, version)
        found[course.pk] = course
    return found
