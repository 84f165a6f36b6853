"""The admin's LTI screens, under Settings: the platforms and the tool's
configuration (staff who may change platforms)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_viewset")
def register_platforms():
    return admin_views.PlatformViewSet()


def may_configure(user):
    return user.has_perm("lti_tool.change_ltiregistration")


@hooks.register("register_admin_urls")
def register_configuration_url():
    def view(request):
        if not may_configure(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return admin_views.configuration_view(request)

    return [path("lti/tool/", view, name="lti_tool_configuration")]


class ConfigurationMenuItem(MenuItem):
    def is_shown(self, request):
        return may_configure(request.user)


@hooks.register("register_settings_menu_item")
def register_configuration_menu_item():
    return ConfigurationMenuItem(
        _("LTI tool"),
        reverse("lti_tool_configuration"),
        icon_name="code",
        order=611,
    )
