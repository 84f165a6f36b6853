"""The learner's own pages under /dashboard/ (payments adds its own there
through learners/extensions.py)."""

from django.urls import path

from . import assessment_views, views
from .extensions import dashboard_routes

app_name = "learners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("enrollments/<int:pk>/", views.enrollment_detail, name="enrollment"),
    path("enrollments/<int:pk>/leave/", views.leave, name="leave"),
    path(
        "submissions/files/<int:pk>/",
        assessment_views.submission_file,
        name="submission_file",
    ),
    *dashboard_routes(),
]
