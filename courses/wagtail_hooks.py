"""Course snippets in the Wagtail admin, and the hooks that keep instructors
to their own courses in page listings and choosers."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.roles import is_restricted_instructor

from .editorial import sync_course_ownership, visible_pages
from .models import CertificateTemplate, CourseCategory


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
