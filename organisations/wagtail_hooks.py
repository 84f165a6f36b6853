"""Organisations in the Wagtail admin: staff create them, name their
managers and grant seat licences; managers run them on the site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Membership, Organisation, SeatLicence


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "slug", "join_by_domain", "created_at"]
    search_fields = ["name", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("logo"),
        FieldPanel("domains"),
        FieldPanel("join_by_domain"),
        FieldPanel("tax_number"),
        FieldPanel("billing_address"),
    ]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Members and managers")
    list_display = ["user", "organisation", "role", "source", "joined_at"]
    list_filter = ["organisation", "role"]
    panels = [FieldPanel("organisation"), FieldPanel("user"), FieldPanel("role")]


class SeatLicenceViewSet(SnippetViewSet):
    model = SeatLicence
    icon = "tasks"
    menu_label = _("Seat licences")
    list_display = ["organisation", "course", "seats", "created_at"]
    list_filter = ["organisation"]
    panels = [FieldPanel("organisation"), FieldPanel("course"), FieldPanel("seats")]


class OrganisationsGroup(SnippetViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 240
    items = (OrganisationViewSet, MembershipViewSet, SeatLicenceViewSet)


register_snippet(OrganisationsGroup)
