"""Certificate URLs under /certificates/."""

from django.urls import path

from . import certificate_views as views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("<int:pk>/download/", views.download, name="download"),
    path(
        "programmes/<int:pk>/download/",
        views.programme_download,
        name="programme_download",
    ),
    path("<str:code>/credential.json", views.credential, name="credential"),
    path("<str:code>/badge.png", views.badge, name="badge"),
    path("status/<int:number>.json", views.status_list, name="status_list"),
]
