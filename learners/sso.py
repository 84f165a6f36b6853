"""Where single sign-on buttons send the browser: the log-in and sign-up
pages post to our own address, which redirects to the identity provider,
and a Content-Security-Policy `form-action` governs that redirect too, so
those pages allow the configured providers' origins (and no others)."""

from urllib.parse import urlsplit

from allauth.account.views import SignupView
from allauth.socialaccount.adapter import get_adapter

from home.csp import allow_sources


def _origin(url):
    parts = urlsplit(str(url or ""))
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def provider_origins(request):
    """The origins the configured identity providers sign people in on."""
    origins = set()
    for app in get_adapter(request).list_apps(request):
        settings = app.settings or {}
        idp = settings.get("idp") or {}
        for url in (
            settings.get("server_url"),
            idp.get("sso_url"),
            idp.get("metadata_url"),
        ):
            origin = _origin(url)
            if origin:
                origins.add(origin)
    return sorted(origins)


def allow_provider_forms(request, response):
    origins = provider_origins(request)
    if origins:
        allow_sources(response, form_action=origins)
    return response


class SignupWithProvidersView(SignupView):
    """allauth's sign-up, whose page also offers the providers' buttons."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        return allow_provider_forms(request, response)
