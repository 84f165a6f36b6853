"""The public face of an account: display name, avatar, bio and time zone."""

import zoneinfo

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Profile(models.Model):
    """One per user, created on first use; everything here is the owner's to edit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How your name appears to instructors and on certificates."),
    )
    avatar = models.ImageField(
        _("avatar"),
        upload_to="avatars/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
        help_text=_("A square JPEG, PNG or WebP image, at most 2 MB."),
    )
    bio = models.TextField(
        _("bio"),
        max_length=1000,
        blank=True,
        help_text=_("A few sentences about you."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("Due dates and activity times are shown in this time zone."),
    )

    email_digest = models.BooleanField(
        _("send me one e-mail a day with what is new, instead of one e-mail each"),
        default=False,
        help_text=_("Receipts and account e-mails still come at once."),
    )
    show_on_leaderboard = models.BooleanField(
        _("show me on leaderboards"),
        default=False,
        help_text=_("Your display name and points of the last 30 days, nothing else."),
    )

    class Meta:
        verbose_name = _("profile")

    def __str__(self):
        return self.name

    @property
    def public_name(self):
        """The name others see in courses (questions, reviews, leaderboards):
        the one chosen here, else first name and initial; never a user name
        or an e-mail address."""
        if self.display_name:
            return self.display_name
        user = self.user
        if user.first_name:
            initial = f" {user.last_name[:1]}." if user.last_name else ""
            return f"{user.first_name}{initial}"
        return str(_("A learner"))

    @property
    def name(self):
        user = self.user
        return self.display_name or user.get_full_name() or user.email or user.username


def public_name_of(user):
    """`Profile.public_name` for a user whose profile may not exist yet (read
    with `select_related("...__profile")` to cost no query)."""
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        profile = Profile(user=user)
    return profile.public_name
