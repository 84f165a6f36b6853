"""Registers the H5P package library as a snippet in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import H5PPackage


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "pick"
    menu_label = _("H5P packages")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "main_library", "uploaded_at"]
    search_fields = ["title"]


register_snippet(H5PPackageViewSet)
