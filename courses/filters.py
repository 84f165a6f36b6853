"""The catalogue's query string (?q=, category, level, price) as clean filters."""

from django.db.models import Q

from .choices import Difficulty


class CatalogueFilters:
    """The catalogue's query string (?q=, category, level, price) as clean values."""

    PRICE_CHOICES = {"free", "paid", "subscription"}

    def __init__(self, q="", category="", level="", price=""):
        self.q = q.strip()[:100]
        self.category = category
        self.level = level if level in Difficulty.values else ""
        self.price = price if price in self.PRICE_CHOICES else ""

    @classmethod
    def from_request(cls, request):
        get = request.GET
        return cls(
            q=get.get("q", ""),
            category=get.get("category", ""),
            level=get.get("level", ""),
            price=get.get("price", ""),
        )

    @property
    def active(self):
        return bool(self.q or self.category or self.level or self.price)

    def apply(self, courses):
        if self.category:
            courses = courses.filter(category__slug=self.category)
        if self.level:
            courses = courses.filter(difficulty=self.level)
        if self.price:
            courses = courses.filter(pricing_type=self.price)
        if self.q:
            courses = courses.filter(
                Q(title__icontains=self.q) | Q(summary__icontains=self.q)
            )
        return courses
