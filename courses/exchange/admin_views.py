"""The admin's buttons for moving courses: "Export" on a course (for whoever
may edit it) downloads its package, or its IMS Common Cartridge; "Import a
course" (for whoever may add courses to the catalogue) makes a new draft
from either."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CourseIndexPage, CoursePage
from .cartridge import export_cartridge
from .native import ExchangeError, export_course, import_course

MAX_IMPORT_BYTES = 500 * 1024 * 1024


class ImportForm(forms.Form):
    package = forms.FileField(
        label=gettext_lazy("Course package"),
        help_text=gettext_lazy(
            "A ZIP exported from Coursewright, or a Common Cartridge (.imscc) "
            "from another system (its pages and structure). The course arrives "
            "as a draft owned by you; nothing is published."
        ),
    )

    def clean_package(self):
        package = self.cleaned_data["package"]
        if package.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The package is larger than 500 MB."))
        return package


def may_import(user):
    catalogue = CourseIndexPage.objects.first()
    return bool(catalogue and catalogue.permissions_for_user(user).can_add_subpage())


def export_view(request, page_id):
    """GET: the course's package (`?format=cc`: its Common Cartridge), for
    someone who may edit the course."""
    course = get_object_or_404(CoursePage, pk=page_id)
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.GET.get("format") == "cc":
        data, name = export_cartridge(course), f"{course.slug}.imscc"
    else:
        data, name = export_course(course), f"{course.slug}.zip"
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = import_course(form.cleaned_data["package"].read(), request.user)
        except ExchangeError as error:
            form.add_error("package", error.message)
        else:
            messages.success(
                request,
                _("“%(title)s” is imported as a draft.") % {"title": course.title},
            )
            return redirect("wagtailadmin_pages:edit", course.pk)
    return render(request, "courses/admin/import_course.html", {"form": form})
