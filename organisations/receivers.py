"""People whose verified address is at an organisation's domain join it."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from .services.members import join_by_domain


@receiver(email_confirmed)
def join_organisations_by_domain(request, email_address, **kwargs):
    join_by_domain(email_address.user, email_address.email)
