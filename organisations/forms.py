"""The managers' forms: invite people, give seats."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

MAX_ADDRESSES = 200


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line or separated by commas; at most 200."),
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_("With an “email” column, or one address per line."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("emails", "").strip() and not cleaned.get("csv_file"):
            raise forms.ValidationError(_("Write some addresses or choose a file."))
        return cleaned

    def typed_addresses(self):
        text = self.cleaned_data.get("emails", "").replace(",", "\n")
        found = [line.strip() for line in text.splitlines() if line.strip()]
        if len(found) > MAX_ADDRESSES:
            raise forms.ValidationError(_("At most 200 addresses at a time."))
        return list(enumerate(found, start=1))


class AssignForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(
        label=_("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Reminders go out a week and a day before it."),
    )

    def __init__(self, *args, licence, **kwargs):
        super().__init__(*args, **kwargs)
        # Members without a seat of this licence yet.
        self.fields["members"].queryset = (
            get_user_model()
            .objects.filter(
                organisation_memberships__organisation_id=licence.organisation_id
            )
            .exclude(seats__licence=licence, seats__reclaimed_at__isnull=True)
            .order_by("last_name", "first_name", "email")
        )
        self.fields["members"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.email})"
        )
