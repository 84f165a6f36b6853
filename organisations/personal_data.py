"""What `organisations` holds about a person: their memberships, the seats
they were given and the invitations sent to their address (see
home/personal_data.py)."""

from django.utils import timezone

from home.personal_data import Export, register, rows

from .models import Invitation, Membership, SeatAssignment


def export(user):
    return Export(
        records={
            "organisation_memberships": rows(Membership.objects.filter(user=user)),
            "organisation_seats": rows(SeatAssignment.objects.filter(user=user)),
            "organisation_invitations": rows(
                Invitation.objects.filter(email__iexact=user.email)
            )
            if user.email
            else [],
        }
    )


def erase(user, options):
    """The person leaves every organisation, and their seats go back to it
    (the rows stay for the organisation's count, on the pseudonymous account)."""
    if user.email:
        Invitation.objects.filter(email__iexact=user.email).delete()
    SeatAssignment.objects.filter(user=user, reclaimed_at__isnull=True).update(
        reclaimed_at=timezone.now()
    )
    Membership.objects.filter(user=user).delete()
    # What they did as a manager stays, without naming them.
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    SeatAssignment.objects.filter(assigned_by=user).update(assigned_by=None)


def connect():
    register("organisations", export=export, erase=erase)
