"""Forms a learner fills in about themselves."""

import io
from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from . import notifications
from .models import NotificationPreference, Profile

MAX_AVATAR_BYTES = 2 * 1024 * 1024
# Small files can still unpack into huge pictures: refuse those before decoding.
MAX_AVATAR_PIXELS = 4096 * 4096
AVATAR_SIZE = 512


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "display_name",
            "avatar",
            "bio",
            "time_zone",
            "email_digest",
            "show_on_leaderboard",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One choice per notification topic, stored as preferences, not on
        # the profile: apps add topics.
        chosen = notifications.preferences(self.instance.user)
        for name, topic in notifications.choosable_topics().items():
            self.fields[f"notify_{name}"] = forms.ChoiceField(
                label=topic.label,
                choices=NotificationPreference.Channel.choices,
                initial=chosen[name],
                required=False,  # left out: the choice stays as it was
                help_text=_("Always e-mailed: the law asks for receipts.")
                if topic.always_email
                else "",
            )

    def notification_fields(self):
        return [field for field in self if field.name.startswith("notify_")]

    def save(self, commit=True):
        profile = super().save(commit)
        notifications.set_preferences(
            profile.user,
            {
                name: self.cleaned_data[f"notify_{name}"]
                or self.fields[f"notify_{name}"].initial
                for name in notifications.choosable_topics()
            },
        )
        return profile

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if not avatar or not hasattr(avatar, "content_type"):
            return avatar  # unchanged, or cleared
        if avatar.size > MAX_AVATAR_BYTES:
            raise forms.ValidationError(_("Choose an image of 2 MB or less."))
        return reencoded_avatar(avatar)


def reencoded_avatar(upload):
    """The picture drawn again as a PNG of at most 512 px: no metadata (GPS,
    camera) survives, and nothing but pixels reaches storage."""
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_AVATAR_PIXELS:
                raise forms.ValidationError(
                    _("Choose an image of at most 4096 × 4096 pixels.")
                )
            picture = ImageOps.exif_transpose(image).convert("RGBA")
    except (OSError, Image.DecompressionBombError) as error:
        raise forms.ValidationError(
            _("This file is not an image we can use.")
        ) from error
    picture.thumbnail((AVATAR_SIZE, AVATAR_SIZE))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    stem = PurePath(upload.name or "avatar").stem[:40] or "avatar"
    return SimpleUploadedFile(f"{stem}.png", buffer.getvalue(), "image/png")


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
