"""Factories for learners: verified accounts and enrolments."""

import factory
from allauth.account.models import EmailAddress

from learners import services
from learners.models import Enrollment
from tests.courses.factories import UserFactory


class VerifiedEmailFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda address: address.user.email)
    verified = True
    primary = True

    class Meta:
        model = EmailAddress


def learner(**fields):
    """A user with a verified e-mail address, ready to enrol."""
    user = UserFactory(**fields)
    VerifiedEmailFactory(user=user)
    return user


def enrolled(user, course, source=Enrollment.Source.FREE):
    """Enrol through the service, as every enrolment is made."""
    if not course.is_free and source == Enrollment.Source.FREE:
        source = Enrollment.Source.PURCHASE
    return services.enroll(user, course, source).enrollment
