"""Registers the H5P and SCORM package libraries as snippets in the Wagtail
admin. Instructors see and choose only the packages they uploaded."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from home.roles import is_restricted_instructor

from .models import H5PPackage, ScormPackage


def packages_for(user, packages):
    if is_restricted_instructor(user):
        return packages.filter(uploaded_by=user)
    return packages


class OwnPackagesMixin:
    def get_object_list(self):
        return packages_for(self.request.user, super().get_object_list())


class PackageChooseView(OwnPackagesMixin, ChooseView):
    pass


class PackageChooseResultsView(OwnPackagesMixin, ChooseResultsView):
    pass


class OwnPackagesChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PackageChooseView
    choose_results_view_class = PackageChooseResultsView


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "pick"
    menu_label = _("H5P packages")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "main_library", "uploaded_by", "uploaded_at"]
    search_fields = ["title"]
    chooser_viewset_class = OwnPackagesChooserViewSet

    def get_queryset(self, request):
        return packages_for(request.user, H5PPackage.objects.all())


register_snippet(H5PPackageViewSet)


class ScormPackageViewSet(SnippetViewSet):
    model = ScormPackage
    icon = "folder-open-inverse"
    menu_label = _("SCORM packages")
    menu_order = 211
    add_to_admin_menu = True
    list_display = [
        "title",
        "version",
        "edition",
        "file_count",
        "uploaded_by",
        "uploaded_at",
    ]
    search_fields = ["title"]
    chooser_viewset_class = OwnPackagesChooserViewSet

    def get_queryset(self, request):
        return packages_for(request.user, ScormPackage.objects.all())


register_snippet(ScormPackageViewSet)


@hooks.register("after_create_snippet")
def remember_who_uploaded(request, instance):
    if isinstance(instance, H5PPackage | ScormPackage) and not instance.uploaded_by_id:
        type(instance).objects.filter(pk=instance.pk).update(uploaded_by=request.user)
