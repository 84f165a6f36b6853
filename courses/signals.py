"""A new catalogue page gets the editorial permissions and workflow at once;
a new instructor gets a collection of their own; what course pages show of
a category or an instructor takes a new content version when it changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from home import content_version
from home.roles import INSTRUCTORS

from .editorial import (
    INSTRUCTOR_MODEL_PERMISSIONS,
    ensure_instructor_workspace,
    grant_catalogue_permissions,
)
from .models import Cohort, CourseCategory, CourseIndexPage, CoursePage

# Saves of a user that change nothing a page shows (a log-in, a password).
ACCOUNT_ONLY_FIELDS = {"last_login", "password"}


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


@receiver(post_migrate)
def give_instructors_their_model_permissions(sender, app_config=None, **kwargs):
    """Permissions exist only after migrating, so they are granted here, on
    every migrate (granting twice changes nothing)."""
    # After the lessons app's own permissions were created for this migrate.
    if app_config is None or app_config.label != "lessons":
        return
    group = Group.objects.filter(name=INSTRUCTORS).first()
    if group is None:
        return
    for app_label, codename in INSTRUCTOR_MODEL_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)


@receiver(post_save, sender=CourseCategory)
@receiver(post_delete, sender=CourseCategory)
def category_changed(sender, **kwargs):
    """Course pages and cards show the category's name."""
    content_version.changed()


@receiver(post_save, sender=Cohort)
@receiver(post_delete, sender=Cohort)
def cohort_changed(sender, **kwargs):
    """A cohort's dates decide when lessons open, and pages show them. Its
    seat count is written without a save, so an enrolment changes nothing."""
    content_version.changed()


@receiver(post_save, sender=get_user_model())
def instructor_changed(
    sender, instance, created=False, update_fields=None, raw=False, **kwargs
):
    """Course pages and cards show their instructor's name (a new account
    teaches nothing yet)."""
    if raw or created or (update_fields and set(update_fields) <= ACCOUNT_ONLY_FIELDS):
        return
    if CoursePage.objects.filter(instructor=instance).exists():
        content_version.changed()
