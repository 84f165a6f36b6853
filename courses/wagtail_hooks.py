"""Course snippets in the Wagtail admin, the hooks that keep instructors
to their own courses in page listings and choosers, and the buttons that
export and import courses."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.roles import is_restricted_instructor

from .editorial import sync_course_ownership, visible_pages
from .exchange import admin_views as exchange
from .models import CertificateTemplate, CourseCategory, CoursePage


@hooks.register("construct_explorer_page_queryset")
def only_own_courses_in_the_explorer(parent_page, pages, request):
    return visible_pages(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def only_own_courses_in_the_chooser(pages, request):
    return visible_pages(request.user, pages)


class OwnCoursesPagesAPIViewSet(PagesAdminAPIViewSet):
    """The admin's page API (explorer menu, choosers) scoped like the rest of
    the admin: an instructor sees only their own courses' pages."""

    def get_base_queryset(self):
        return visible_pages(self.request.user, super().get_base_queryset())


@hooks.register("construct_admin_api")
def scope_the_admin_page_api(router):
    router.register_endpoint("pages", OwnCoursesPagesAPIViewSet)


@hooks.register("construct_main_menu")
def hide_reports_from_instructors(request, menu_items):
    # Wagtail's reports list pages from every course; instructors have their own.
    if is_restricted_instructor(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "reports"]


@hooks.register("after_create_page")
def new_pages_belong_to_the_course_instructor(request, page):
    sync_course_ownership(page)


@hooks.register("after_edit_page")
def course_pages_follow_the_instructor(request, page):
    sync_course_ownership(page)


class CourseCategoryViewSet(SnippetViewSet):
    model = CourseCategory
    icon = "tag"
    menu_label = _("Course categories")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


register_snippet(CourseCategoryViewSet)


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "accent_colour"]


register_snippet(CertificateTemplateViewSet)


# Moving courses between sites ----------------------------------------------------


@hooks.register("register_admin_urls")
def register_exchange_urls():
    urls = [
        path("<int:page_id>/export/", exchange.export_view, name="export"),
        path("import/", exchange.import_view, name="import"),
    ]
    return [path("course-exchange/", (urls, "course_exchange", "course_exchange"))]


def _export_button(page, user):
    if (
        isinstance(page.specific_deferred, CoursePage)
        and page.permissions_for_user(user).can_edit()
    ):
        url = reverse("course_exchange:export", args=[page.pk])
        yield Button(_("Export"), url, icon_name="download", priority=75)
        yield Button(
            _("Export as Common Cartridge"),
            f"{url}?format=cc",
            icon_name="download",
            priority=76,
        )


@hooks.register("register_page_header_buttons")
def export_button_in_the_header(page, user, view_name, next_url=None):
    yield from _export_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def export_button_in_listings(page, user, next_url=None):
    yield from _export_button(page, user)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return exchange.may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import a course"),
        reverse("course_exchange:import"),
        icon_name="upload",
        order=212,
    )
