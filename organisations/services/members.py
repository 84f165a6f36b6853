"""An organisation's people: invitations by e-mail or CSV, joining by a
verified e-mail domain, and leaving."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.outbox import enqueue
from home.roles import role_names
from learners.services.roster import RowResult

from ..models import Invitation, Membership, Organisation
from .errors import InvitationInvalid
from .seats import reclaim_seat

INVITATION_DAYS = 30


def invite(organisation, numbered_emails, by):
    """Invite each address (a member already is told so); one result per row.
    Each invitation is e-mailed once, after the transaction commits."""
    members = {
        email.lower()
        for email in Membership.objects.filter(organisation=organisation).values_list(
            "user__email", flat=True
        )
    }
    results, seen = [], set()
    with transaction.atomic():
        for line, email in numbered_emails:
            results.append(_invite_one(organisation, line, email, by, members, seen))
    return results


def _invite_one(organisation, line, email, by, members, seen):
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        return RowResult(line, email, False, _("Not an e-mail address."))
    key = email.lower()
    if key in members:
        return RowResult(line, email, True, _("Already a member."))
    if key in seen:
        return RowResult(line, email, True, _("Listed twice; invited once."))
    seen.add(key)
    invitation = Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).first()
    if invitation is None:
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, invited_by=by
        )
    else:  # asked again: a fresh month, and the e-mail once more
        invitation.created_at = timezone.now()
        invitation.save(update_fields=["created_at"])
    enqueue("organisations.tasks.send_invitation_task", invitation.pk)
    return RowResult(line, email, True, _("Invited."))


def open_invitation(token):
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
    if invitation is None or _expired(invitation):
        raise InvitationInvalid(
            _("This invitation was used already or has expired. Ask for a new one.")
        )
    return invitation


def _expired(invitation):
    return (timezone.now() - invitation.created_at).days >= INVITATION_DAYS


def accept_invitation(token, user):
    """The invited person joins, if they verified the invited address: a
    forwarded link does not let someone else in."""
    with transaction.atomic():
        invitation = open_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists():
            raise InvitationInvalid(
                _(
                    "This invitation is for %(email)s. Log in with that address, "
                    "or add and verify it in your account, then open the link again."
                )
                % {"email": invitation.email}
            )
        membership = join(invitation.organisation, user, Membership.Source.INVITATION)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


def join(organisation, user, source, role=Membership.Role.MEMBER):
    """Make `user` a member, once; an existing membership is kept as it is."""
    try:
        with transaction.atomic():
            return Membership.objects.create(
                organisation=organisation, user=user, source=source, role=role
            )
    except IntegrityError:
        return Membership.objects.get(organisation=organisation, user=user)


def join_by_domain(user, email):
    """A verified address at an organisation's domain makes its owner a member
    of each organisation that lets its domain join."""
    domain = email.rsplit("@", 1)[-1].lower()
    joined = []
    for organisation in Organisation.objects.filter(join_by_domain=True):
        if domain in organisation.domain_list:
            joined.append(join(organisation, user, Membership.Source.DOMAIN))
    return joined


def remove_member(membership):
    """The person leaves the organisation: their seats go back to it."""
    with transaction.atomic():
        seats = membership.user.seats.filter(
            licence__organisation=membership.organisation, reclaimed_at__isnull=True
        )
        for seat in seats:
            reclaim_seat(seat)
        membership.delete()


MANAGERS = "Organisation managers"


def manages(user, organisation):
    """Whether `user` runs `organisation` (admins run every one)."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or Membership.objects.filter(
            organisation=organisation, user=user, role=Membership.Role.MANAGER
        ).exists()
    )


def sync_manager_role(user):
    """In the Organisation managers group exactly while managing one."""
    group, _created = Group.objects.get_or_create(name=MANAGERS)
    manages = Membership.objects.filter(
        user=user, role=Membership.Role.MANAGER
    ).exists()
    if manages:
        user.groups.add(group)
    else:
        user.groups.remove(group)


def managed_by(user):
    """[(name, address)] of the organisations `user` manages: one query for
    a manager, none for anyone else."""
    if MANAGERS not in role_names(user):
        return []
    return [
        (name, reverse("organisations:overview", args=[slug]))
        for name, slug in Organisation.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.MANAGER
        )
        .order_by("name")
        .values_list("name", "slug")
    ]
