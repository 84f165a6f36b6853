"""A new catalogue page gets the editorial permissions and workflow at once;
a new instructor gets a collection of their own."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from learners.roles import INSTRUCTORS

from .editorial import ensure_instructor_workspace, grant_catalogue_permissions
from .models import CourseIndexPage


@receiver(post_save, sender=CourseIndexPage)
def set_up_new_catalogue(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_catalogue_permissions(instance)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def set_up_new_instructor(sender, instance, action, pk_set, reverse, **kwargs):
    """Joining the Instructors group gives a user their own collection."""
    if action != "post_add" or reverse:
        return
    if Group.objects.filter(pk__in=pk_set, name=INSTRUCTORS).exists():
        ensure_instructor_workspace(instance)
