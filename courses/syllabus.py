"""The ordered syllabus of a course, read in three queries whatever its size (or for
several courses at once),
and kept per worker for the content version (courses/outline.py)."""

from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_
from types import SimpleNamespace

from django.db.models import Q
from wagtail.models import Page

from lessons.models import LessonPage

from .models import SectionPage


@dataclass
class SyllabusSection:
    """A section with its live lessons, in editor order."""

    page: SectionPage
    lessons: list = field(default_factory=list)

    @property
    def total_minutes(self):
        return sum(lesson.estimated_minutes or 0 for lesson in self.lessons)

    @cached_property
    def lesson_ids(self):
        return frozenset(lesson.pk for lesson in self.lessons)


@dataclass
class Syllabus:
    """Everything the course page, section page and lesson sidebar list."""

    sections: list
    # {lesson id: [its live prerequisite lessons]}
    prerequisites: dict = field(default_factory=dict)

    @cached_property
    def delays(self):
        """{lesson id: days after the learner's start it opens} for the
        lessons that drip: a lesson waits for its section and for itself."""
        delays = {}
        for section in self.sections:
            for lesson in section.lessons:
                days = max(
                    section.page.opens_after_days or 0, lesson.opens_after_days or 0
                )
                if days:
                    delays[lesson.pk] = days
        return delays

    @cached_property
    def lessons(self):
        return [lesson for section in self.sections for lesson in section.lessons]

    @cached_property
    def by_id(self):
        return {lesson.pk: lesson for lesson in self.lessons}

    @cached_property
    def lesson_ids(self):
        return frozenset(self.by_id)

    @cached_property
    def _positions(self):
        return {lesson.pk: position for position, lesson in enumerate(self.lessons)}

    @cached_property
    def total_minutes(self):
        return sum(section.total_minutes for section in self.sections)

    @property
    def lesson_count(self):
        return len(self.lessons)

    @property
    def first_lesson(self):
        lessons = self.lessons
        return lessons[0] if lessons else None

    @property
    def free_preview_lessons(self):
        return [lesson for lesson in self.lessons if lesson.free_preview]

    def section_for(self, page):
        return next((s for s in self.sections if s.page.pk == page.pk), None)

    def neighbours(self, lesson):
        """The lessons before and after `lesson` in syllabus order (or None)."""
        lessons = self.lessons
        position = self._positions.get(lesson.pk)
        if position is None:
            return None, None
        previous = lessons[position - 1] if position > 0 else None
        following = lessons[position + 1] if position + 1 < len(lessons) else None
        return previous, following

    def previous_of(self, lesson):
        return self.neighbours(lesson)[0]


def build_syllabus(course):
    """Read the sections and lessons under `course` and group them by section."""
    return build_syllabuses([course])[course.pk]


def build_syllabuses(courses):
    """{course id: Syllabus} for several courses, in three queries in all."""
    if not courses:
        return {}
    sections_by_course = {course.path: [] for course in courses}
    section_rows = SectionPage.objects.live().filter(
        reduce(
            or_,
            (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses),
        )
    )
    by_path = {}
    for section in section_rows.order_by("path"):
        item = SyllabusSection(page=section)
        by_path[section.path] = item
        sections_by_course[section.path[: -SectionPage.steplen]].append(item)
    # Lesson bodies can be large and the syllabus never shows them.
    lessons = (
        LessonPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=c.path) for c in courses)))
        .order_by("path")
        .defer_streamfields()
    )
    by_id = {}
    for lesson in lessons:
        section = by_path.get(lesson.path[: -LessonPage.steplen])
        if section is not None:
            section.lessons.append(lesson)
            by_id[lesson.pk] = lesson
    required = _prerequisites(by_id)
    _add_links(courses, sections_by_course)
    return {
        course.pk: Syllabus(
            sections=sections_by_course[course.path],
            prerequisites={
                lesson.pk: required[lesson.pk]
                for section in sections_by_course[course.path]
                for lesson in section.lessons
                if lesson.pk in required
            },
        )
        for course in courses
    }


def _add_links(courses, sections_by_course):
    """Each lesson's address, worked out once per syllabus: a long syllabus
    lists hundreds, and Wagtail's `pageurl` per lesson is most of its cost."""
    paths = SimpleNamespace()  # Wagtail keeps the sites' root paths on this
    for course in courses:
        site = course.get_site()
        for section in sections_by_course[course.path]:
            for lesson in section.lessons:
                lesson.link = (
                    lesson.relative_url(site, request=paths) if site else None
                ) or lesson.get_url()


def _prerequisites(by_id):
    """{lesson id: [live prerequisite lessons]} for the whole course, in one
    query. A prerequisite is read as the lesson of the same course with its
    translation key: a translated copy may still name the original's lessons
    until its own are chosen (one more query, only then)."""
    links = list(
        LessonPage.prerequisites.through.objects.filter(
            from_lessonpage_id__in=by_id
        ).values_list("from_lessonpage_id", "to_lessonpage_id")
    )
    keys = {pk: lesson.translation_key for pk, lesson in by_id.items()}
    elsewhere = {prerequisite for _lesson, prerequisite in links} - keys.keys()
    if elsewhere:
        keys.update(
            Page.objects.filter(pk__in=elsewhere).values_list("pk", "translation_key")
        )
    by_place = {
        (_course_path(lesson), lesson.translation_key): lesson
        for lesson in by_id.values()
    }
    required = {}
    for lesson_id, prerequisite_id in links:
        place = (_course_path(by_id[lesson_id]), keys.get(prerequisite_id))
        if place in by_place:
            required.setdefault(lesson_id, []).append(by_place[place])
    for lessons in required.values():
        lessons.sort(key=lambda lesson: lesson.path)
    return required


def _course_path(lesson):
    """The path of the course a syllabus lesson is in (course, section, lesson)."""
    return lesson.path[: -2 * LessonPage.steplen]
