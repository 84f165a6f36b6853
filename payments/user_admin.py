"""The admin's user form with the instructor's revenue share on it, so staff
set it where they manage the person."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import InstructorAccount
from .money import BASIS_POINTS


class UserEditFormWithRevenueShare(UserEditForm):
    revenue_share_percent = forms.DecimalField(
        label=_("Revenue share (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_(
            "The instructor's part of each sale after tax. Empty: the site "
            "default. A course can still have its own share."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        account = InstructorAccount.objects.filter(user=self.instance.pk).first()
        if account and account.revenue_share_bp is not None:
            self.initial["revenue_share_percent"] = Decimal(
                account.revenue_share_bp
            ) / (BASIS_POINTS // 100)

    def save(self, commit=True):
        user = super().save(commit=commit)
        percent = self.cleaned_data.get("revenue_share_percent")
        share = None if percent is None else int(percent * 100)
        if commit:
            InstructorAccount.objects.update_or_create(
                user=user, defaults={"revenue_share_bp": share}
            )
        return user


class UserViewSet(WagtailUserViewSet):
    edit_template_name = "payments/users/edit.html"

    def get_form_class(self, for_update=False):
        if for_update:
            return UserEditFormWithRevenueShare
        return super().get_form_class(for_update)
