"""LTI 1.3 under /lti/ (docs/ARCHITECTURE.md, "Public interface")."""

from django.urls import path

from . import views

app_name = "lti"

urlpatterns = [
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("jwks.json", views.jwks, name="jwks"),
    path("deep-link/", views.deep_link, name="deep_link"),
    path("context/", views.context, name="context"),
]
