"""Role changes made by a signed-in person (in the admin) go to the audit
log; the sign-up's own "Students" group and commands are not staff actions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .audit import Action, acting_user, record
from .roles import roles_changed

User = get_user_model()
FLAGS = ("is_staff", "is_superuser", "is_active")


def log_group_change(sender, instance, action, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    actor = acting_user()
    if actor is None or not isinstance(instance, User):
        return
    if actor.pk == instance.pk and not actor.is_staff:
        return  # a learner's own sign-up
    names = ", ".join(
        Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)
    )
    verb = "added to" if action == "post_add" else "removed from"
    record(Action.ROLE_CHANGED, f"user #{instance.pk}", f"{verb} {names}", actor=actor)


def remember_flags(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & set(FLAGS):
        return  # e.g. the last_login of every log-in
    if instance.pk and acting_user() is not None:
        before = User.objects.filter(pk=instance.pk).values(*FLAGS).first()
        instance._flags_before = before


def log_flag_change(sender, instance, created, **kwargs):
    before = getattr(instance, "_flags_before", None)
    actor = acting_user()
    if created or not before or actor is None:
        return
    changes = [
        f"{flag} {'on' if getattr(instance, flag) else 'off'}"
        for flag in FLAGS
        if before[flag] != getattr(instance, flag)
    ]
    if changes:
        record(
            Action.ROLE_CHANGED,
            f"user #{instance.pk}",
            ", ".join(changes),
            actor=actor,
        )


def connect():
    m2m_changed.connect(log_group_change, sender=User.groups.through)
    # Cached roles (home/roles.py) are read again after any of these.
    for through in (
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(roles_changed, sender=through, weak=False)
    post_delete.connect(roles_changed, sender=Group, weak=False)
    pre_save.connect(remember_flags, sender=User)
    post_save.connect(log_flag_change, sender=User)
