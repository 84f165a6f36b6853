"""Forms a learner fills in about themselves."""

import io
from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .models import Profile

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
            "email_enrolment",
            "email_completion",
            "email_grades",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

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
