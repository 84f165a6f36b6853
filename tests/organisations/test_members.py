"""An organisation's people: invitations by e-mail and CSV, accepted only by
the invited address, and joining by a verified e-mail domain."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from organisations.models import Invitation, Membership
from tests.courses.factories import UserFactory
from tests.learners.factories import learner
from tests.organisations.factories import manager_of, organisation, person_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme():
    return organisation("acme", domains="acme.example\nacme.test", join_by_domain=True)


@pytest.fixture
def manager(acme, client):
    user = manager_of(acme)
    client.force_login(user)
    return user


def invite(client, org, **data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/organisations/{org.slug}/members/", data)


def test_a_manager_invites_by_address_and_csv_and_sees_every_row(acme, manager, client):
    person_in(acme, email="already@acme.example")
    upload = SimpleUploadedFile(
        "people.csv", b"name,email\nZoe,zoe@acme.example\nBad,not-an-address\n"
    )

    response = invite(
        client,
        acme,
        emails="lee@acme.example, already@acme.example\nlee@acme.example",
        csv_file=upload,
    )

    page = response.content.decode()
    assert response.status_code == 200
    for expected in ("Invited.", "Already a member.", "Listed twice", "Not an e-mail"):
        assert expected in page
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "lee@acme.example",
        "zoe@acme.example",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lee@acme.example",
        "zoe@acme.example",
    ]
    assert "Acme invites you" in mail.outbox[0].subject


def test_only_the_invited_address_can_accept(acme, manager, client):
    invite(client, acme, emails="sam@elsewhere.example")
    link = re.search(r"https?://\S+/organisations/join/\S+/", mail.outbox[0].body)[0]
    path = "/organisations/" + link.split("/organisations/", 1)[1]
    stranger = learner(email="stranger@elsewhere.example")
    client.force_login(stranger)

    refused = client.post(path)
    sam = UserFactory(email="sam@elsewhere.example")
    EmailAddress.objects.create(user=sam, email=sam.email, verified=True, primary=True)
    client.force_login(sam)
    accepted = client.post(path)
    again = client.get(path)

    assert refused.status_code == 404
    assert "This invitation is for sam@elsewhere.example" in refused.content.decode()
    assert accepted.status_code == 302
    assert Membership.objects.filter(organisation=acme, user=sam).exists()
    assert not Membership.objects.filter(user=stranger).exists()
    assert again.status_code == 404


def test_an_old_invitation_no_longer_works(acme, manager, client):
    invite(client, acme, emails="late@acme.example")
    invitation = Invitation.objects.get()
    invitation.created_at -= timedelta(days=31)
    invitation.save()

    response = client.get(f"/organisations/join/{invitation.token}/")

    assert response.status_code == 404
    assert "expired" in response.content.decode()


def test_verifying_an_address_at_the_domain_joins_the_organisation(acme, client):
    quiet = organisation("quiet", domains="acme.example", join_by_domain=False)
    user = UserFactory(email="new@ACME.example")
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)

    address.set_verified(commit=True)
    from allauth.account.signals import email_confirmed

    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)

    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.source) == (acme, "domain")
    assert not Membership.objects.filter(organisation=quiet).exists()


def test_the_admin_refuses_a_malformed_domain(acme):
    from django.core.exceptions import ValidationError

    acme.domains = "@acme.example"
    with pytest.raises(ValidationError, match="without “@”"):
        acme.full_clean()


def test_an_erased_member_leaves_and_their_seat_is_free(acme, catalogue):
    from organisations import personal_data
    from organisations.models import SeatAssignment
    from organisations.services.seats import add_seats, assign_seat
    from tests.organisations.factories import course_with_lessons

    member = person_in(acme, email="gone@acme.example")
    licence = add_seats(acme, course_with_lessons(catalogue, "c"), 1)
    assign_seat(licence, member)

    exported = personal_data.export(member).records
    personal_data.erase(member, {})

    assert len(exported["organisation_memberships"]) == 1
    assert len(exported["organisation_seats"]) == 1
    assert not Membership.objects.filter(user=member).exists()
    assert not SeatAssignment.objects.filter(reclaimed_at__isnull=True).exists()
