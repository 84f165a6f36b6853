"""Staff act on a person's data request from the Wagtail admin (a learner
who writes to support): the same download and erasure as /accounts/data/,
for admins only, each recorded in the audit log."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import ListingButton

from .models import DataExport, ErasureRequest
from .services import privacy

ACTIONS = {
    "export": (
        privacy.request_export,
        gettext_lazy("A download is being prepared and will be e-mailed to them."),
    ),
    "erase": (
        privacy.schedule_erasure,
        gettext_lazy("The account will be erased after the grace period."),
    ),
    "keep": (privacy.cancel_erasure, gettext_lazy("The erasure is cancelled.")),
}


def personal_data_view(request, user_id):
    """GET/POST /admin/personal-data/<user>/"""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST" and request.POST.get("action") in ACTIONS:
        action, done = ACTIONS[request.POST["action"]]
        try:
            action(person, by=request.user)
        except privacy.PrivacyError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("learners_grading:personal_data", user_id=person.pk)
    context = {
        "person": person,
        "exports": DataExport.objects.filter(user=person)[:5],
        "erasures": ErasureRequest.objects.filter(user=person)[:5],
        "erasure": privacy.open_erasure(person),
        "blockers": privacy.erasure_blockers(person),
    }
    return render(request, "learners/admin/personal_data.html", context)


def user_listing_button(user, request_user):
    """ "Personal data" beside each person in the admin's user list."""
    if not request_user.is_superuser:
        return []
    url = reverse("learners_grading:personal_data", args=[user.pk])
    return [ListingButton(_("Personal data"), url, priority=60, icon_name="download")]
