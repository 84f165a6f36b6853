"""The catalogue's lists, kept in the cache for the content version: the
courses a set of filters finds, in order, and the languages on offer.

At a thousand courses, finding and sorting them costs more than the rest of
a catalogue page, and the answer only changes with the content (or, for the
"most popular" order, with the figures the stats refresh writes, which is
why entries also expire after PAGE_CACHE_SECONDS).
"""

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from home import content_version


def key_for(text):
    """A cache key for `text` under the content version now."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"catalogue:{content_version.current()}:{digest}"


def _remembered(key, compute):
    full_key = key_for(key)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, settings.PAGE_CACHE_SECONDS)
    return value


def course_ids(catalogue, filters):
    """The ids of the courses `filters` find in `catalogue`, in their order."""
    return _remembered(
        f"{catalogue.pk}:ids:{filters.key}",
        lambda: list(
            filters.apply(catalogue.listed_courses()).values_list("pk", flat=True)
        ),
    )


def programme_ids(catalogue):
    """The ids of the catalogue's live programmes, in tree order."""
    return _remembered(
        f"{catalogue.pk}:programmes",
        lambda: [programme.pk for programme in catalogue.programmes()],
    )


def programmes_key(catalogue):
    """The key of the catalogue's programme cards, in the language now."""
    return key_for(f"{catalogue.pk}:programme-cards:{get_language()}")


def languages(catalogue):
    """The language codes of the catalogue's live courses, sorted."""
    return _remembered(
        f"{catalogue.pk}:languages",
        lambda: list(
            catalogue.listed_courses()
            .order_by("language")
            .values_list("language", flat=True)
            .distinct()
        ),
    )


def page_key(catalogue, filters, number):
    """The key of one page of the catalogue's cards, in the language now."""
    return key_for(f"{catalogue.pk}:cards:{filters.key}:{number}:{get_language()}")


def course_urls(catalogue, filters, number, courses, request):
    """The addresses of a page's courses (its JSON-LD list), remembered
    with the page so a cached page never reads its courses for them."""
    return _remembered(
        f"{catalogue.pk}:urls:{filters.key}:{number}",
        lambda: [course.get_url(request) for course in courses],
    )


class LazyCourses(Sequence):
    """A page's courses (or programmes), read in one query, in the order of
    `ids`, only when something goes through them: a cached page of cards
    never does."""

    def __init__(self, ids, queryset):
        self.ids = list(ids)
        self.queryset = queryset
        self._items = None

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if self._items is None:
            by_id = {c.pk: c for c in self.queryset.filter(pk__in=self.ids)}
            self._items = [by_id[pk] for pk in self.ids if pk in by_id]
        return self._items[index]
