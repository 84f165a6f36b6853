"""/accounts/data/: a person downloads their data, or asks for their
account to be erased (confirmed with the password) and may cancel."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from home.files import storage_is_local

from .models import DataExport
from .services import privacy


class ConfirmWithPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


@login_required
def personal_data(request, form=None):
    """GET /accounts/data/: what we hold, the downloads, the erasure."""
    user = request.user
    context = {
        "exports": DataExport.objects.filter(user=user)[:5],
        "erasure": privacy.open_erasure(user),
        "blockers": privacy.erasure_blockers(user),
        "form": form or ConfirmWithPasswordForm(user),
        "grace_days": settings.ERASURE_GRACE_DAYS,
    }
    status = 400 if form is not None else 200
    return render(request, "learners/personal_data.html", context, status=status)


@login_required
@require_POST
def request_export(request):
    try:
        privacy.request_export(request.user, by=request.user)
    except privacy.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("We are preparing your file and will e-mail a link when it is ready."),
        )
    return redirect("personal_data")


@login_required
def download_export(request, export_id):
    """GET /accounts/data/<id>/download/: the owner's file, until it expires."""
    export = get_object_or_404(DataExport, pk=export_id, user=request.user)
    if not export.downloadable or not export.file:
        raise Http404
    if not storage_is_local(default_storage):
        return redirect(default_storage.url(export.file.name))
    name = f"my-data-{export.ready_at:%Y-%m-%d}.zip"
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def request_erasure(request):
    form = ConfirmWithPasswordForm(request.user, request.POST)
    if not form.is_valid():
        return personal_data(request, form=form)
    try:
        erasure = privacy.schedule_erasure(request.user, by=request.user)
    except privacy.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your account will be erased on %(date)s. You can cancel until then.")
            % {"date": erasure.erase_after.strftime("%d %B %Y")},
        )
    return redirect("personal_data")


@login_required
@require_POST
def cancel_erasure(request):
    try:
        privacy.cancel_erasure(request.user, by=request.user)
    except privacy.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your account will not be erased."))
    return redirect("personal_data")
