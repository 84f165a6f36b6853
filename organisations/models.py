"""Organisations, their people, and the seats they hold in courses."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DOMAIN = RegexValidator(
    r"^([a-z0-9-]+\.)+[a-z]{2,}$",
    _("Write a domain such as example.org, without “@” or “www”."),
)


# Addresses under /organisations/ that are not an organisation's.
RESERVED_SLUGS = {"join"}


def new_token():
    return secrets.token_urlsafe(32)


class Organisation(models.Model):
    """A company, school or NGO whose people learn here. Staff create it;
    its managers run it from /organisations/<slug>/."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    domains = models.TextField(
        _("e-mail domains"),
        blank=True,
        help_text=_(
            "One per line. People who verify an address at one of these "
            "domains join as members, if joining by domain is on."
        ),
    )
    join_by_domain = models.BooleanField(
        _("members join by e-mail domain"), default=False
    )
    tax_number = models.CharField(_("tax number"), max_length=40, blank=True)
    billing_address = models.TextField(_("billing address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domain_list(self):
        return [
            line.strip().lower() for line in self.domains.splitlines() if line.strip()
        ]

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address name is taken.")})
        for domain in self.domain_list:
            try:
                DOMAIN(domain)
            except ValidationError as error:
                raise ValidationError(
                    {"domains": f"{domain}: {error.messages[0]}"}
                ) from error
        self.domains = "\n".join(self.domain_list)


class Membership(models.Model):
    """A person in an organisation; a manager runs it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MANAGER = "manager", _("Manager")

    class Source(models.TextChoices):
        STAFF = "staff", _("Added by staff")
        INVITATION = "invitation", _("Accepted an invitation")
        DOMAIN = "domain", _("Joined by e-mail domain")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.MEMBER
    )
    source = models.CharField(
        _("how they joined"),
        max_length=16,
        choices=Source.choices,
        default=Source.STAFF,
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_membership_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.organisation}"

    @property
    def is_manager(self):
        return self.role == self.Role.MANAGER


class Invitation(models.Model):
    """An e-mail asking someone to join; the link works once, for a person
    who verified that address."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True),
                name="one_open_invitation_per_address",
            )
        ]

    def __str__(self):
        return self.email


class SeatLicence(models.Model):
    """Seats an organisation holds in one course: its managers give them to
    members and take them back."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="licences"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="seat_licences",
    )
    seats = models.PositiveIntegerField(_("seats"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seat licence")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course"], name="one_licence_per_course"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.course} x {self.seats}"

    def clean(self):
        super().clean()
        if self.pk is None or self.seats is None:
            return
        used = self.assignments.filter(reclaimed_at__isnull=True).count()
        if self.seats < used:
            raise ValidationError(
                {
                    "seats": _(
                        "%(used)s seats are in use; reclaim some before lowering "
                        "the number."
                    )
                    % {"used": used}
                }
            )


class SeatAssignment(models.Model):
    """One seat given to one member, with an optional due date; reclaimed
    when the manager takes it back."""

    licence = models.ForeignKey(
        SeatLicence, on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seats"
    )
    enrollment = models.ForeignKey(
        "learners.Enrollment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="seat_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("due"), null=True, blank=True)
    reminded_for = models.DateField(
        null=True, blank=True
    )  # the due date last reminded of
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    reclaimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("seat")
        constraints = [
            models.UniqueConstraint(
                fields=["licence", "user"],
                condition=Q(reclaimed_at__isnull=True),
                name="one_seat_per_person_and_licence",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(reclaimed_at__isnull=True),
                name="open_seat_due",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.licence})"

    @property
    def is_active(self):
        return self.reclaimed_at is None

    def reclaim(self):
        self.reclaimed_at = timezone.now()
        self.save(update_fields=["reclaimed_at"])
