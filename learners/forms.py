"""Forms a learner fills in about themselves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile

MAX_AVATAR_BYTES = 2 * 1024 * 1024


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "display_name",
            "avatar",
            "bio",
            "time_zone",
            "email_enrolment",
            "email_completion",
            "email_grades",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and getattr(avatar, "size", 0) > MAX_AVATAR_BYTES:
            raise forms.ValidationError(_("Choose an image of 2 MB or less."))
        return avatar
