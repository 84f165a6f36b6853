"""The audit log in the Wagtail admin: read only, for admins."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .admin_helpers import ReadOnlyPermissionHelper
from .models import AuditEntry


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
