"""Wagtail's users app with the revenue share on the user form: listed in
INSTALLED_APPS in place of `wagtail.users`."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersWithRevenueShareConfig(WagtailUsersAppConfig):
    user_viewset = "payments.user_admin.UserViewSet"
