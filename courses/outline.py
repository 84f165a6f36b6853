"""A course as its learners' pages read it, kept per worker for the content
version: which course a page belongs to, the course's syllabus, and a live
lesson by its id. Every lesson view needs them; none changes until the
content does."""

import copy

from home import content_version
from home.content_version import VersionedMemo
from lessons.models import LessonPage

from .models import Cohort, CoursePage

NO_COURSE = "none"
NO_LESSON = "none"
_course_of_path = VersionedMemo()
# Lesson pages carry their body, so fewer are kept than paths.
_live_lesson_by_id = VersionedMemo(size=4096)
_syllabus_of_course = VersionedMemo(size=512)
_course_by_id = VersionedMemo(size=2048)
_cohorts_of_course = VersionedMemo(size=2048)
_required_of_course = VersionedMemo(size=2048)


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
    from .syllabus import build_syllabuses  # it imports the models

    by_pk = {course.pk: course for course in courses}
    return _syllabus_of_course.get_many(
        by_pk, lambda missing: build_syllabuses([by_pk[pk] for pk in missing])
    )


def courses_by_id(ids):
    """{course id: CoursePage}; those not held yet are read together. The
    objects are shared by the requests of this worker: read, never change."""
    return _course_by_id.get_many(
        ids,
        lambda missing: {c.pk: c for c in CoursePage.objects.filter(pk__in=missing)},
    )


def live_lesson(pk):
    """The live lesson page with id `pk`, or None: for addresses that name a
    lesson by id rather than by its place in the tree. Each call gets its
    own copy, which the request may change freely."""
    version = content_version.current()
    known = _live_lesson_by_id.get(pk)
    if known is None:
        known = LessonPage.objects.live().filter(pk=pk).first() or NO_LESSON
        _live_lesson_by_id.put(pk, known, version)
    return None if known == NO_LESSON else copy.copy(known)


def cohorts_of(course_id):
    """The course's cohorts in start order, as published: their dates decide
    when lessons open. Seats taken here are as of the content version; the
    seat check counts afresh."""
    version = content_version.current()
    cohorts = _cohorts_of_course.get(course_id)
    if cohorts is None:
        cohorts = tuple(Cohort.objects.filter(course_id=course_id))
        _cohorts_of_course.put(course_id, cohorts, version)
    return cohorts


def required_courses_of(course_id):
    """The live courses a course requires, as published, in title order."""
    version = content_version.current()
    required = _required_of_course.get(course_id)
    if required is None:
        required = tuple(
            CoursePage.objects.live()
            .filter(required_by__pk=course_id)
            .order_by("title")
        )
        _required_of_course.put(course_id, required, version)
    return required
