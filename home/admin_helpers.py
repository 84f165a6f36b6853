"""Shared pieces of the project's wagtail-modeladmin screens."""

from wagtail_modeladmin.helpers import PermissionHelper


class ReadOnlyPermissionHelper(PermissionHelper):
    """A list whose rows change only through the services (grading, refunds,
    payout decisions), never by editing. Subclasses say who may see it."""

    can_inspect = False

    def can_see(self, user):
        return False  # nobody, until a subclass says who

    def user_can_list(self, user):
        return self.can_see(user)

    def user_can_inspect_obj(self, user, obj):
        return self.can_inspect and self.can_see(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False
