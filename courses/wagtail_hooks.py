"""Registers course categories as a snippet in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CertificateTemplate, CourseCategory


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
