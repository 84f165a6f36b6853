"""The community in the Wagtail admin: the unanswered questions of the
courses a person teaches on their admin home, the reported posts, and the
badges staff define."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learners.admin_helpers import courses_taught_by
from learners.wagtail_hooks import teaches

from . import admin_views
from .models import Badge, Question

SHOWN = 8


class UnansweredQuestionsPanel(Component):
    """Questions nobody has answered yet, oldest first: the ones waiting
    longest for the instructor."""

    name = "unanswered_questions"
    order = 60
    template_name = "community/admin/unanswered_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        waiting = Question.objects.filter(
            course__in=courses_taught_by(self.request.user),
            answer_count=0,
            deleted_at__isnull=True,
        )
        return {
            "questions": list(
                waiting.select_related("course", "author").order_by("created_at")[
                    :SHOWN
                ]
            ),
            "count": waiting.count(),
        }


@hooks.register("construct_homepage_panels")
def add_unanswered_questions_panel(request, panels):
    if teaches(request.user):
        panels.append(UnansweredQuestionsPanel(request))


class TeachingMenuItem(MenuItem):
    def is_shown(self, request):
        return teaches(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return TeachingMenuItem(
        _("Reported posts"),
        reverse("community_admin:reports"),
        icon_name="warning",
        order=226,
    )


hooks.register("register_admin_urls", admin_views.admin_urls)


class BadgeViewSet(SnippetViewSet):
    """Staff define badges; a task awards them after the learning event that
    meets their rule (see community/services/achievements.py)."""

    model = Badge
    icon = "pick"
    menu_label = _("Badges")
    menu_order = 240
    add_to_admin_menu = True
    list_display = [
        "name",
        "rule",
        "threshold",
        Column("earned", label=_("Earned by"), sort_key="earned"),
        BooleanColumn("is_active", label=_("Awarded")),
    ]
    list_filter = ["rule", "is_active"]
    search_fields = ["name", "description"]

    def get_queryset(self, request):
        # How many people hold each badge, counted in the list's one query.
        return Badge.objects.annotate(earned=Count("awards"))


register_snippet(BadgeViewSet)
