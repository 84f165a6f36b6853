"""The catalogue page: filters, search, category and instructor pages."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.search_promotions.models import Query
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page

from home.routing import ViewRestrictionsMixin, view_restrictions_exist

from .. import listing
from ..choices import COURSE_LANGUAGES
from ..filters import CatalogueFilters
from .course import CoursePage
from .programme import ProgrammePage
from .snippets import CourseCategory

CATALOGUE_PAGE_SIZE = 12
# Card images: WebP in two widths for srcset, prefetched with the courses.
CARD_IMAGE_SPECS = ("fill-320x180|format-webp", "fill-640x360|format-webp")


class CourseIndexPage(ViewRestrictionsMixin, RoutablePageMixin, Page):
    """The catalogue: lists published courses with filters that live in the URL,
    with a page per category and per instructor."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome shown above the list of courses."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage", "courses.ProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    @property
    def meta_summary(self):
        """The meta description when editors left the SEO one empty."""
        return strip_tags(self.intro).strip() or _(
            "Browse every course: filter by subject, level, price and language."
        )

    @path("category/<slug:slug>/", name="category")
    def category_page(self, request, slug):
        category = get_object_or_404(CourseCategory, slug=slug)
        return self.render(
            request,
            category=category,
            context_overrides={"category": category},
            template="courses/course_index_page.html",
        )

    @path("instructors/<int:user_id>/", name="instructor")
    def instructor_page(self, request, user_id):
        courses = self.courses().filter(instructor_id=user_id)
        if not courses.exists():
            raise Http404
        instructor = courses.first().instructor
        return self.render(
            request,
            context_overrides={"instructor": instructor, "instructor_courses": courses},
            template="courses/instructor_page.html",
        )

    def get_sitemap_urls(self, request=None):
        """The catalogue, each category with courses, and each instructor."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        # order_by(): DISTINCT would otherwise run over the ordering columns
        # too and list a page once per course.
        live = self.courses().order_by()
        for slug in live.values_list("category__slug", flat=True).distinct():
            if slug:
                urls.append({"location": f"{base}category/{slug}/"})
        for user_id in live.values_list("instructor_id", flat=True).distinct():
            if user_id:
                urls.append({"location": f"{base}instructors/{user_id}/"})
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = CatalogueFilters.from_request(request)
        category = kwargs.get("category")
        if category is not None:
            filters.category = category.slug
        ids = listing.course_ids(self, filters)
        page = Paginator(ids, CATALOGUE_PAGE_SIZE).get_page(
            request.GET.get("page") or 1
        )
        # The page's dozen courses with what their cards show, read only if
        # the cards are not in the cache yet.
        page.object_list = listing.LazyCourses(page.object_list, self.courses())
        context["filters"] = filters
        context["courses"] = page
        context["cards_key"] = listing.page_key(self, filters, page.number)
        context["cards_timeout"] = settings.PAGE_CACHE_SECONDS
        context["listed_urls"] = listing.course_urls(
            self, filters, page.number, page.object_list, request
        )
        context["categories"] = CourseCategory.objects.all()
        context["promoted"] = _promoted_courses(filters.q)
        # Programmes head the unfiltered catalogue's first page.
        if not filters.active and category is None and page.number == 1:
            context["programmes"] = listing.LazyCourses(
                listing.programme_ids(self), self.programmes()
            )
            context["programmes_key"] = listing.programmes_key(self)
        context["levels"] = CoursePage.Difficulty.choices
        names = dict(COURSE_LANGUAGES)
        context["languages"] = [
            (code, names.get(code, code)) for code in listing.languages(self)
        ]
        context["sorts"] = [
            ("newest", _("Newest")),
            ("popular", _("Most popular")),
            ("rating", _("Best rated")),
            ("title", _("Title")),
        ]
        return context

    def programmes(self):
        """Live programmes in this catalogue, with what their cards show."""
        programmes = ProgrammePage.objects.live().child_of(self)
        if view_restrictions_exist():
            programmes = programmes.public()
        return (
            programmes.select_related("thumbnail")
            .prefetch_related("programme_courses__course")
            .order_by("path")
        )

    def listed_courses(self):
        """Live, public courses under this catalogue."""
        return public_courses().child_of(self)

    def courses(self):
        """Live courses under this catalogue, with everything a card shows."""
        images = get_image_model().objects.prefetch_renditions(*CARD_IMAGE_SPECS)
        return (
            self.listed_courses()
            # The rating is community's, stored beside the course.
            .select_related("category", "instructor", "rating")
            .prefetch_related(Prefetch("thumbnail", queryset=images), "cohorts")
            .order_by("-first_published_at", "pk")
        )


def public_courses():
    """Live courses anyone may read, in every catalogue (the API lists these)."""
    courses = CoursePage.objects.live()
    # Wagtail's public() reads every view restriction to exclude them.
    return courses.public() if view_restrictions_exist() else courses


def _promoted_courses(query):
    """Courses editors promoted for this search (Wagtail search promotions)."""
    if not query:
        return []
    search = Query.get(query)
    search.add_hit()
    picks = search.editors_picks.select_related("page").order_by("sort_order")
    return [pick.page.specific for pick in picks if pick.page and pick.page.live]
