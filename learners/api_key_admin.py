"""API keys in the Wagtail admin: a staff member issues keys for their
integrations (each shown once, right after it is made) and revokes them;
admins see and revoke everyone's."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.audit import record
from home.models import AuditEntry
from home.roles import is_staff_member

from .models import ApiKey


class NewKeyForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What it is for"),
        max_length=120,
        help_text=gettext_lazy("For example: “Reporting to the school system”."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("It may"),
        choices=ApiKey.Scope.choices,
        initial=ApiKey.Scope.READ.value,
        widget=forms.RadioSelect,
    )


def _keys_for(user):
    keys = ApiKey.objects.select_related("user").order_by("-created_at")
    return keys if user.is_superuser else keys.filter(user=user)


def api_keys(request):
    """The list, and the form that issues a key; the new key is on this
    answer only (never stored, never in a redirect or a message)."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    form = NewKeyForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            record_, issued = ApiKey.issue(
                request.user, form.cleaned_data["name"], form.cleaned_data["scope"]
            )
            record(
                AuditEntry.Action.API_KEY_ISSUED,
                target=record_,
                summary=f"{record_} ({record_.get_scope_display()})",
            )
        form = NewKeyForm()
    response = render(
        request,
        "learners/admin/api_keys.html",
        {"form": form, "keys": _keys_for(request.user), "issued": issued},
    )
    patch_cache_control(response, no_store=True)  # the new key must not be kept
    return response


def revoke_api_key(request, pk):
    if request.method != "POST" or not is_staff_member(request.user):
        raise PermissionDenied
    key = get_object_or_404(_keys_for(request.user), pk=pk)
    with transaction.atomic():
        key.revoke()
        key.save(update_fields=["revoked_at"])
        record(AuditEntry.Action.API_KEY_REVOKED, target=key, summary=str(key))
    messages.success(request, _("The key “%(key)s” no longer works.") % {"key": key})
    return redirect("api_keys_admin:index")


def admin_urls():
    urls = [
        path("", api_keys, name="index"),
        path("<int:pk>/revoke/", revoke_api_key, name="revoke"),
    ]
    return [path("api-keys/", (urls, "api_keys_admin", "api_keys_admin"))]
