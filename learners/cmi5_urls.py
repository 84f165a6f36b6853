"""The record store cmi5 units talk to, under /xapi/cmi5/."""

from django.urls import path

from . import cmi5_views

urlpatterns = [
    path(
        "fetch/<uuid:session_id>/<str:key>/",
        cmi5_views.fetch_token,
        name="cmi5_fetch",
    ),
    path("about", cmi5_views.about, name="cmi5_about"),
    path("statements", cmi5_views.statements, name="cmi5_statements"),
    path("activities/state", cmi5_views.state, name="cmi5_state"),
    path("agents/profile", cmi5_views.agent_profile, name="cmi5_agent_profile"),
]
