"""The audit log and the webhooks in the Wagtail admin, for admins."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .admin_helpers import ReadOnlyPermissionHelper
from .models import AuditEntry
from .page_cache import SAFE_METHODS, mark_private, mark_public
from .webhook_admin import WebhookDeliveryAdmin, WebhookEndpointAdmin, admin_urls


class AdminsOnlyPermissionHelper(ReadOnlyPermissionHelper):
    can_inspect = True

    def can_see(self, user):
        return user.is_superuser


class AuditLogAdmin(ModelAdmin):
    model = AuditEntry
    menu_label = _("Audit log")
    menu_icon = "history"
    menu_order = 900
    add_to_settings_menu = True
    inspect_view_enabled = True
    permission_helper_class = AdminsOnlyPermissionHelper
    list_display = ("at", "actor", "action", "target", "summary", "ip_address")
    list_filter = ("action", "at")
    search_fields = ("target", "summary")
    list_select_related = ("actor",)


modeladmin_register(AuditLogAdmin)
modeladmin_register(WebhookEndpointAdmin)
modeladmin_register(WebhookDeliveryAdmin)
hooks.register("register_admin_urls", admin_urls)


@hooks.register("on_serve_page")
def share_public_pages(serve):
    """A page an anonymous visitor reads is the same for every anonymous
    visitor, unless a view restriction guards it; the page cache and a CDN
    may keep it. Anyone logged in gets a private answer."""

    def serve_marked(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        public = (
            request.method in SAFE_METHODS
            and response.status_code == 200
            and not request.user.is_authenticated
            and not page.get_view_restrictions().exists()
        )
        return mark_public(response) if public else mark_private(response)

    return serve_marked
