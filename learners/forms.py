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


class SignupNameForm(forms.Form):
    """The name asked at sign-up (allauth's ACCOUNT_SIGNUP_FORM_CLASS): how
    instructors and certificates will call the learner. allauth imports this
    module while it builds its own forms, so nothing here imports them."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        help_text=_("As it should appear to instructors and on certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # allauth orders its sign-up fields by this: the name comes first.
    field_order = ["name", "email", "password1", "password2"]

    def signup(self, request, user):
        name = " ".join(self.cleaned_data["name"].split())
        first, _space, last = name.rpartition(" ")
        user.first_name, user.last_name = (first, last) if first else (name, "")
        user.save(update_fields=["first_name", "last_name"])
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.display_name = name
        profile.save(update_fields=["display_name"])
