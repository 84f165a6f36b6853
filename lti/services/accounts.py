"""The account a platform's person uses here: made on their first launch,
linked to them for good, never found by e-mail address."""

import uuid

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from lti_tool.models import LtiUser

from home.roles import INSTRUCTORS
from learners.models import Profile

from ..models import PlatformTerms
from ..protocol import is_instructor


def account_for(lti_user, roles=()):
    """The linked account of `lti_user` (django-lti's row for the platform's
    `sub`), made now if it has none. Parallel first launches make one.

    A platform's e-mail claim is not proof that the person owns the address,
    so it never signs into an existing account: the new account keeps it
    (unverified) only when no one here uses it yet.
    """
    with transaction.atomic():
        lti_user = LtiUser.objects.select_for_update().get(pk=lti_user.pk)
        user = lti_user.auth_user
        if user is None:
            user = _new_account(lti_user)
            lti_user.auth_user = user
            lti_user.save(update_fields=["auth_user", "datetime_modified"])
        if is_instructor(roles) and _instructors_may_author(lti_user):
            user.groups.add(Group.objects.get(name=INSTRUCTORS))
    return user


def _new_account(lti_user):
    User = get_user_model()
    email = (lti_user.email or "").strip()
    if email and (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        email = ""
    user = User(
        username=f"lti-{uuid.uuid4().hex[:24]}",
        email=email,
        first_name=(lti_user.given_name or "")[:150],
        last_name=(lti_user.family_name or "")[:150],
    )
    user.set_unusable_password()
    user.save()
    if email:
        EmailAddress.objects.create(user=user, email=email, primary=True)
    name = " ".join((lti_user.name or "").split())[:80]
    if name:
        Profile.objects.update_or_create(user=user, defaults={"display_name": name})
    return user


def _instructors_may_author(lti_user):
    return PlatformTerms.objects.filter(
        registration_id=lti_user.registration_id, instructors_may_author=True
    ).exists()
