"""People whose verified address is at an organisation's domain join it;
managers are kept in the Organisation managers group, so pages know them
without a query."""

from allauth.account.signals import email_confirmed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership
from .services.members import join_by_domain, sync_manager_role


@receiver(email_confirmed)
def join_organisations_by_domain(request, email_address, **kwargs):
    join_by_domain(email_address.user, email_address.email)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def keep_manager_role(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_manager_role(instance.user)
