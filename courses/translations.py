"""A course's copies in other languages share one set of learners.

wagtail-localize makes a translation of a course (and a synchronised locale
holds an alias of each page until it is translated): each copy is a page of
its own, with its own id. Learner state (enrolments, progress, attempts,
orders, certificates) belongs to the course, not to the copy, so it is kept
on one copy of each page: the original, the first made of its translations.
A French learner who switches to English carries on where they were.

Pages show the copy in the reader's language; everything that records or
reads learner state goes through `original_id`, `learning_course` and
`learning_lesson` here.
"""

import copy

from django.conf import settings
from django.db.models import Min, OuterRef, Subquery
from django.utils.translation import get_language
from wagtail.models import Page

from home import content_version
from home.content_version import VersionedMemo

from .outline import courses_by_id, live_lesson

# translation key -> the id of the first page made with it (the original).
_first_of_key = VersionedMemo()
# (translation key, language) -> the live copy's id in that language, or 0.
_copy_in_language = VersionedMemo()
# (course id) -> {original lesson id: this course's lesson id}.
_lesson_ids = VersionedMemo(size=2048)
NO_COPY = 0


def _first_ids(keys):
    return dict(
        Page.objects.filter(translation_key__in=keys)
        .order_by()  # pages come in tree order, which would split the groups
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values_list("translation_key", "first")
    )


def original_ids(pages):
    """{page id: the id of its original} for `pages`, in one query at most
    (none once this content version has seen their translation keys)."""
    keys = {page.translation_key for page in pages}
    firsts = _first_of_key.get_many(keys, _first_ids) if keys else {}
    return {page.pk: firsts.get(page.translation_key, page.pk) for page in pages}


def original_id(page):
    """The id of the copy of `page` that learner state is kept on."""
    return original_ids([page])[page.pk]


def is_translation(page):
    return original_id(page) != page.pk


def learning_course(course):
    """The course whose enrolments, orders and certificates `course` shares:
    itself, unless it is a translation of another."""
    pk = original_id(course)
    if pk == course.pk:
        return course
    return courses_by_id([pk]).get(pk, course)


def learning_programme(programme):
    """The programme whose members, orders and certificates `programme`
    shares: itself, unless it is a translation of another."""
    pk = original_id(programme)
    if pk == programme.pk:
        return programme
    return type(programme).objects.filter(pk=pk).first() or programme


def originals(pages):
    """`pages` without their copies in other languages: the first page made
    with each translation key, which learner state, orders and statistics
    are kept on. For lists that span the whole site (the API, statistics,
    what an organisation may buy); a catalogue lists its own tree instead."""
    if not settings.WAGTAIL_I18N_ENABLED:
        return pages
    first = (
        Page.objects.filter(translation_key=OuterRef("translation_key"))
        .order_by("pk")
        .values("pk")[:1]
    )
    return pages.filter(pk=Subquery(first))


def learning_lesson(lesson):
    """`lesson` as its learners' records know it: the original's identity
    (its id and place in the tree, so its course is the original course) with
    this copy's content and address. A French copy thus records progress,
    attempts and answers on the original lesson, grades them against the
    questions the learner read (block ids are kept by translation), and its
    links still lead to the French pages."""
    pk = original_id(lesson)
    if pk == lesson.pk:
        return lesson
    original = live_lesson(pk)
    if original is None:
        return lesson  # the original is not live: nothing to share
    learned = copy.copy(lesson)
    learned.id = learned.page_ptr_id = original.pk
    learned.path, learned.depth = original.path, original.depth
    learned.__dict__.pop("course", None)  # worked out again, from the path
    return learned


def lesson_ids_in(course):
    """{original lesson id: `course`'s own lesson id} for a translated
    course: its learners' progress is kept on the original lessons."""
    version = content_version.current()
    known = _lesson_ids.get(course.pk)
    if known is None:
        lessons = course.syllabus.lessons
        known = {original: own for own, original in original_ids(lessons).items()} or {
            NO_COPY: NO_COPY
        }
        _lesson_ids.put(course.pk, known, version)
    return known


def in_language(page, language=None):
    """The live copy of `page` in `language` (the active one by default), or
    `page` itself when it has none: where a learner is sent after an action
    on the original, so they stay in the language they read."""
    language = language or get_language()
    if page is None:
        return page
    key = (page.translation_key, language)
    version = content_version.current()
    known = _copy_in_language.get(key)
    if known is None:
        known = (
            Page.objects.live()
            .filter(
                translation_key=page.translation_key,
                locale__language_code=language,
            )
            .values_list("pk", flat=True)
            .first()
        ) or NO_COPY
        _copy_in_language.put(key, known, version)
    if known in (NO_COPY, page.pk):
        return page
    return Page.objects.get(pk=known).specific
