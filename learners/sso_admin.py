"""Staff add an organisation's identity provider (OpenID Connect or SAML
2.0) under Settings -> Single sign-on; each one gets its own button on the
log-in and sign-up pages."""

import json

from allauth.socialaccount.models import SocialApp
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSet

PROVIDERS = [
    ("openid_connect", gettext_lazy("OpenID Connect")),
    ("saml", gettext_lazy("SAML 2.0")),
]
SETTINGS_HELP = gettext_lazy(
    'JSON. OpenID Connect: {"server_url": "https://idp.example.org"} (the '
    "issuer; its /.well-known/openid-configuration is read). Optional: "
    '"email_authentication": false to never sign into an existing account '
    'by e-mail address. SAML: {"idp": {"entity_id": ..., "sso_url": ..., '
    '"x509cert": ...}, "attribute_mapping": {"email": ..., "uid": ...}} '
    '(or "metadata_url" in "idp").'
)


class ProviderForm(forms.ModelForm):
    provider = forms.ChoiceField(label=gettext_lazy("Protocol"), choices=PROVIDERS)
    settings = forms.CharField(
        label=gettext_lazy("Settings"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=SETTINGS_HELP,
    )

    class Meta:
        model = SocialApp
        fields = ["provider", "provider_id", "name", "client_id", "secret", "settings"]
        labels = {
            "provider_id": gettext_lazy("Short name (in its addresses)"),
            "name": gettext_lazy("Button text: “Sign in with …”"),
            "client_id": gettext_lazy("Client ID (SAML: organisation slug)"),
            "secret": gettext_lazy("Client secret (not used by SAML)"),
        }

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.initial["settings"] = json.dumps(self.instance.settings or {}, indent=2)
        self.fields["secret"].required = False
        # Each provider's addresses (/accounts/oidc/<short name>/...) need it.
        self.fields["provider_id"].required = True

    def clean_settings(self):
        try:
            value = json.loads(self.cleaned_data["settings"] or "{}")
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s") % {"error": error}
            ) from error
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The settings are one JSON object."))
        provider = self.cleaned_data.get("provider")
        server_url = str(value.get("server_url", ""))
        if provider == "openid_connect" and not server_url.startswith("https://"):
            raise forms.ValidationError(
                _('OpenID Connect needs a "server_url" on https.')
            )
        if provider == "saml":
            if not isinstance(value.get("idp"), dict):
                raise forms.ValidationError(_('SAML needs the "idp" settings.'))
            # An assertion must carry the provider's signature unless staff
            # say otherwise.
            value.setdefault("advanced", {}).setdefault("want_assertion_signed", True)
        return value

    def clean_provider_id(self):
        value = self.cleaned_data["provider_id"].strip()
        if not value.replace("-", "").isalnum():
            raise forms.ValidationError(_("Letters, digits and hyphens only."))
        return value


class SingleSignOnViewSet(ModelViewSet):
    model = SocialApp
    menu_label = gettext_lazy("Single sign-on")
    icon = "key"
    add_to_settings_menu = True
    menu_order = 612
    name = "single_sign_on"
    list_display = ["name", "provider", "provider_id"]

    def get_form_class(self, for_update=False):
        return ProviderForm
