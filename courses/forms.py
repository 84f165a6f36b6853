"""The course editor's form: an instructor can only name themselves as the
course's instructor; moderators and admins can name anyone."""

from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminPageForm

from home.roles import is_restricted_instructor


class CoursePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and is_restricted_instructor(user):
            field = self.fields.get("instructor")
            if field is not None:
                field.queryset = get_user_model().objects.filter(pk=user.pk)
                field.initial = user.pk
