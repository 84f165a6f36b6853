"""Webhooks in the Wagtail admin, for admins: endpoints to register and edit,
and the delivery log with a "Resend" button."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from .admin_helpers import ReadOnlyPermissionHelper
from .webhook_models import EVENT_TYPES, WebhookDelivery, WebhookEndpoint
from .webhooks import resend


class AdminsOnly(PermissionHelper):
    def user_can_list(self, user):
        return user.is_superuser

    def user_can_create(self, user):
        return user.is_superuser

    def user_can_inspect_obj(self, user, obj):
        return user.is_superuser

    def user_can_edit_obj(self, user, obj):
        return user.is_superuser

    def user_can_delete_obj(self, user, obj):
        return user.is_superuser


class EndpointForm(WagtailAdminModelForm):
    event_types = forms.MultipleChoiceField(
        label=_("events"),
        choices=EVENT_TYPES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events sent to this address."),
    )


class WebhookEndpointAdmin(ModelAdmin):
    model = WebhookEndpoint
    menu_label = _("Webhook endpoints")
    menu_icon = "link-external"
    menu_order = 910
    add_to_settings_menu = True
    permission_helper_class = AdminsOnly
    list_display = ("url", "description", "active", "created_at")
    list_filter = ("active",)
    edit_handler = ObjectList(
        [
            FieldPanel("url"),
            FieldPanel("description"),
            FieldPanel("event_types"),
            FieldPanel("active"),
            FieldPanel("secret", read_only=True),
        ],
        base_form_class=EndpointForm,
    )


class DeliveriesForAdmins(ReadOnlyPermissionHelper):
    can_inspect = True

    def can_see(self, user):
        return user.is_superuser


class DeliveryButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        return [
            {
                "url": self.url_helper.get_action_url("inspect", obj.pk),
                "label": _("Details"),
                "classname": "button button-small",
                "title": "",
            },
            {
                "url": reverse("webhooks_admin:resend", args=[obj.pk]),
                "label": _("Resend"),
                "classname": "button button-small",
                "title": _("Send this event again"),
            },
        ]


class WebhookDeliveryAdmin(ModelAdmin):
    model = WebhookDelivery
    menu_label = _("Webhook deliveries")
    menu_icon = "resubmit"
    menu_order = 911
    add_to_settings_menu = True
    inspect_view_enabled = True
    permission_helper_class = DeliveriesForAdmins
    button_helper_class = DeliveryButtons
    list_display = (
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "created_at",
    )
    list_filter = ("status", "event_type")
    search_fields = ("event_id", "event_type", "endpoint__url")
    list_select_related = ("endpoint",)


def resend_view(request, pk):
    if not request.user.is_superuser:
        raise PermissionDenied
    delivery = get_object_or_404(
        WebhookDelivery.objects.select_related("endpoint"), pk=pk
    )
    if request.method == "POST":
        resend(delivery)
        messages.success(request, _("The event is being sent again."))
        return redirect("home_webhookdelivery_modeladmin_index")
    return render(request, "home/admin/resend_webhook.html", {"delivery": delivery})


def admin_urls():
    urls = [path("deliveries/<int:pk>/resend/", resend_view, name="resend")]
    return [path("webhooks/", (urls, "webhooks_admin", "webhooks_admin"))]
