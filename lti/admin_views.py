"""The staff screens: the learning platforms allowed to launch the tool
(with their deployment IDs and terms), and the tool's own configuration to
paste into a platform."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lti_tool.models import Key, LtiDeployment, LtiRegistration
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PlatformTerms
from .protocol import ensure_tool_key


class PlatformForm(forms.ModelForm):
    """django-lti's registration, plus the deployment IDs allowed to launch
    and what the platform's instructors may do here."""

    deployment_ids = forms.CharField(
        label=gettext_lazy("Deployment IDs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy(
            "One per line, as the platform shows them. A launch from any "
            "other deployment is refused."
        ),
    )
    auth_url = forms.URLField(
        label=gettext_lazy("OIDC authorisation URL"), assume_scheme="https"
    )
    token_url = forms.URLField(
        label=gettext_lazy("Access token URL"), assume_scheme="https"
    )
    keyset_url = forms.URLField(
        label=gettext_lazy("Platform keys (JWKS) URL"), assume_scheme="https"
    )
    instructors_may_author = forms.BooleanField(
        label=PlatformTerms._meta.get_field("instructors_may_author").verbose_name,
        help_text=PlatformTerms._meta.get_field("instructors_may_author").help_text,
        required=False,
    )

    class Meta:
        model = LtiRegistration
        fields = [
            "name",
            "issuer",
            "client_id",
            "audience",
            "auth_url",
            "token_url",
            "keyset_url",
            "is_active",
        ]
        labels = {
            "issuer": gettext_lazy("Issuer (iss)"),
            "client_id": gettext_lazy("Client ID"),
            "is_active": gettext_lazy("May launch the tool"),
        }
        help_texts = {
            "audience": gettext_lazy(
                "Only if the platform asks for an audience other than its token URL."
            ),
        }

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            deployments = self.instance.deployments.order_by("deployment_id")
            self.initial["deployment_ids"] = "\n".join(
                d.deployment_id for d in deployments if d.is_active
            )
            waiting = [d.deployment_id for d in deployments if not d.is_active]
            if waiting:
                self.fields["deployment_ids"].help_text = _(
                    "One per line. Launches were refused from: %(ids)s."
                ) % {"ids": ", ".join(waiting)}
            terms = PlatformTerms.objects.filter(registration=self.instance).first()
            self.initial["instructors_may_author"] = bool(
                terms and terms.instructors_may_author
            )

    def clean_deployment_ids(self):
        ids = [
            line.strip()
            for line in self.cleaned_data["deployment_ids"].splitlines()
            if line.strip()
        ]
        too_long = [value for value in ids if len(value) > 255]
        if too_long:
            raise forms.ValidationError(_("A deployment ID is at most 255 characters."))
        return sorted(set(ids))

    @transaction.atomic
    def save(self, commit=True):
        registration = super().save(commit=True)
        wanted = self.cleaned_data["deployment_ids"]
        for deployment_id in wanted:
            LtiDeployment.objects.update_or_create(
                registration=registration,
                deployment_id=deployment_id,
                defaults={"is_active": True},
            )
        registration.deployments.exclude(deployment_id__in=wanted).update(
            is_active=False
        )
        PlatformTerms.objects.update_or_create(
            registration=registration,
            defaults={
                "instructors_may_author": self.cleaned_data["instructors_may_author"]
            },
        )
        return registration


class PlatformViewSet(ModelViewSet):
    model = LtiRegistration
    menu_label = gettext_lazy("LTI platforms")
    icon = "link-external"
    add_to_settings_menu = True
    menu_order = 610
    name = "lti_platforms"
    list_display = ["name", "issuer", "client_id", "is_active"]
    search_fields = ["name", "issuer", "client_id"]

    def get_form_class(self, for_update=False):
        return PlatformForm


def tool_configuration():
    """What a platform's administrator pastes when adding the tool."""
    site = settings.SITE_URL
    return {
        "login_url": site + reverse("lti:login"),
        "launch_url": site + reverse("lti:launch"),
        "redirect_uris": [site + reverse("lti:launch")],
        "deep_link_url": site + reverse("lti:launch"),
        "jwks_url": site + reverse("lti:jwks"),
        "domain": site.split("://", 1)[-1],
    }


def configuration_view(request):
    ensure_tool_key()
    return render(
        request,
        "lti/admin/configuration.html",
        {
            "config": tool_configuration(),
            "keys": Key.objects.active().order_by("-datetime_created"),
            "platforms": LtiRegistration.objects.order_by("name"),
        },
    )
