"""The demo's organisation: Northwind Logistics, run by the demo manager,
with seats in the SQL course given to some demo learners (one overdue) and
an invitation waiting. Seeding again changes nothing."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo import data as demo_data
from demo.activity import USERNAME, learning_history
from demo.languages import demo_courses
from organisations.models import Invitation, Membership, Organisation
from organisations.services.members import join
from organisations.services.seats import add_seats, assign_seat


def seed_organisation():
    spec = demo_data.ORGANISATION
    organisation, created = Organisation.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "domains": spec["domains"],
            "join_by_domain": True,
            "tax_number": spec["tax_number"],
            "billing_address": spec["billing_address"],
        },
    )
    if not created:
        return organisation
    users = get_user_model().objects
    manager = users.get(username="manager")
    join(organisation, manager, Membership.Source.STAFF, Membership.Role.MANAGER)
    course = demo_courses().get(slug=spec["course"])
    licence = add_seats(organisation, course, spec["seats"])
    today, now = timezone.localdate(), timezone.now()
    rng = random.Random(21)  # noqa: S311 - made-up history, not security
    for number, due_in in spec["seats_given"]:
        member = users.filter(username=USERNAME.format(number)).first()
        if member is None:
            continue
        join(organisation, member, Membership.Source.INVITATION)
        due_on = today + timedelta(days=due_in) if due_in is not None else None
        seat, _given = assign_seat(licence, member, by=manager, due_on=due_on)
        if not seat.enrollment.progress.exists():  # some had bought it already
            learning_history(
                seat.enrollment, course, rng, now - timedelta(days=20), now
            )
    for email in spec["invited"]:
        Invitation.objects.get_or_create(
            organisation=organisation, email=email, defaults={"invited_by": manager}
        )
    return organisation


def remove_demo_organisation():
    """For a reset: its seats hold the course it licenses."""
    Organisation.objects.filter(slug=demo_data.ORGANISATION["slug"]).delete()
