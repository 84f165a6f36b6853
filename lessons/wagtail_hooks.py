"""Registers the H5P, SCORM and cmi5 package libraries as snippets in the
Wagtail admin, under one menu. Instructors see and choose only the packages
they uploaded."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.roles import is_restricted_instructor

from .models import Cmi5Package, H5PPackage, ScormPackage


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


class PackageViewSet(SnippetViewSet):
    """A library of uploaded packages; an instructor sees their own."""

    search_fields = ["title"]
    chooser_viewset_class = OwnPackagesChooserViewSet

    def get_queryset(self, request):
        return packages_for(request.user, self.model.objects.all())


class H5PPackageViewSet(PackageViewSet):
    model = H5PPackage
    icon = "pick"
    menu_label = _("H5P packages")
    list_display = ["title", "main_library", "uploaded_by", "uploaded_at"]


class ScormPackageViewSet(PackageViewSet):
    model = ScormPackage
    icon = "folder-open-inverse"
    menu_label = _("SCORM packages")
    list_display = [
        "title",
        "version",
        "edition",
        "file_count",
        "uploaded_by",
        "uploaded_at",
    ]


class Cmi5PackageViewSet(PackageViewSet):
    model = Cmi5Package
    icon = "folder-inverse"
    menu_label = _("cmi5 packages")
    list_display = ["title", "course_id", "file_count", "uploaded_by", "uploaded_at"]


class PackagesGroup(SnippetViewSetGroup):
    menu_label = _("Packages")
    menu_icon = "folder-open-1"
    menu_order = 210
    items = (H5PPackageViewSet, ScormPackageViewSet, Cmi5PackageViewSet)


register_snippet(PackagesGroup)


@hooks.register("after_create_snippet")
def remember_who_uploaded(request, instance):
    packages = Cmi5Package | H5PPackage | ScormPackage
    if isinstance(instance, packages) and not instance.uploaded_by_id:
        type(instance).objects.filter(pk=instance.pk).update(uploaded_by=request.user)
