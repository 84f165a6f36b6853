"""The catalogue's query string (?q=, category, level, price, language, sort)
as clean filters."""

from django.db.models import Case, F, IntegerField, Value, When

from .choices import Difficulty


class CatalogueFilters:
    """The catalogue's query string as clean values; anything unknown is ignored."""

    PRICE_CHOICES = {"free", "paid", "subscription"}
    SORTS = {
        "newest": ("-first_published_at", "pk"),
        "popular": (
            F("stats__enrollments").desc(nulls_last=True),
            "-first_published_at",
        ),
        # The stored rating (community's CourseRating); unrated courses last.
        "rating": (
            F("rating__average").desc(nulls_last=True),
            F("rating__count").desc(nulls_last=True),
            "-first_published_at",
        ),
        "title": ("title", "pk"),
    }
    MAX_MATCHES = 500

    def __init__(self, q="", category="", level="", price="", language="", sort=""):
        self.q = q.strip()[:100]
        self.category = category
        self.level = level if level in Difficulty.values else ""
        self.price = price if price in self.PRICE_CHOICES else ""
        self.language = language.strip()[:10]
        chosen = sort if sort in self.SORTS or (sort == "relevance" and self.q) else ""
        self.sort = chosen or ("relevance" if self.q else "newest")

    @classmethod
    def from_request(cls, request):
        get = request.GET
        return cls(
            q=get.get("q", ""),
            category=get.get("category", ""),
            level=get.get("level", ""),
            price=get.get("price", ""),
            language=get.get("language", ""),
            sort=get.get("sort", ""),
        )

    @property
    def key(self):
        """The filters as one string, the same for the same list."""
        return "|".join(
            (self.q, self.category, self.level, self.price, self.language, self.sort)
        )

    @property
    def active(self):
        return bool(
            self.q or self.category or self.level or self.price or self.language
        )

    def apply(self, courses):
        if self.category:
            courses = courses.filter(category__slug=self.category)
        if self.level:
            courses = courses.filter(difficulty=self.level)
        if self.price:
            courses = courses.filter(pricing_type=self.price)
        if self.language:
            courses = courses.filter(language=self.language)
        if self.q:
            return self._search(courses)
        return courses.order_by(*self.SORTS[self.sort])

    def _search(self, courses):
        """Full-text search (Wagtail search: PostgreSQL full-text on
        PostgreSQL), then the other filters; best matches first unless
        another order was asked for."""
        from .models import CoursePage  # courses.models imports this module

        ids = [
            page.pk
            for page in CoursePage.objects.live().search(self.q)[: self.MAX_MATCHES]
        ]
        courses = courses.filter(pk__in=ids)
        if self.sort != "relevance":
            return courses.order_by(*self.SORTS[self.sort])
        rank = Case(
            *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
            output_field=IntegerField(),
        )
        return courses.order_by(rank, "pk") if ids else courses
