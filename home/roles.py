"""The roles of the platform as Django groups, created by a migration, and
who counts as staff. Site-wide, so every app can ask without loading the
learner models.

A person's groups are read on nearly every page (the access policy asks
whether they moderate, the header whether they may open the admin), so each
worker keeps them in memory, under a version in the cache that any change of
groups or permissions replaces (connected in home/receivers.py).
"""

from .content_version import SharedVersion, VersionedMemo

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
MODERATORS = "Moderators"
ALL_ROLES = (STUDENTS, INSTRUCTORS, MODERATORS)
# Roles that work in the Wagtail admin; students never see it.
ADMIN_ROLES = (INSTRUCTORS, MODERATORS)


def ensure_role_groups(group_model, permission_model):
    """Create the role groups; admin roles may open the Wagtail admin and
    submit pages for translation.

    Takes the models so the data migration can pass its historical ones.
    """
    # Both made by migrations (Wagtail's, wagtail-localize's); only a
    # test-database flush (which keeps no migration data) leaves them out.
    admin_permissions = permission_model.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ) | permission_model.objects.filter(
        # Instructors translate their courses; moderators review them.
        content_type__app_label="wagtail_localize",
        codename="submit_translation",
    )
    groups = {}
    for name in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(*admin_permissions)
        groups[name] = group
    return groups


# A worker reads the roles version as it reads the content version (a
# change shows in every worker within a second).
_version = SharedVersion("roles-version")
_known = VersionedMemo(size=10_000, version=_version.read)


def roles_changed(**_signal_kwargs):
    _version.replace()


def forget_local():
    """Read everything again (after the cache was emptied)."""
    _version.forget_local()
    _known.clear()


def _roles(user):
    """(group names, may open the admin) for a logged-in user: from the
    request's user object, else this worker's memory, else two or three
    queries."""
    known = getattr(user, "_roles", None)
    if known is not None:
        return known
    version = _version.read()
    key = (user.pk, user.is_active, user.is_superuser)
    known = _known.get(key)
    if known is None:
        known = (
            frozenset(user.groups.values_list("name", flat=True)),
            user.has_perm("wagtailadmin.access_admin"),
        )
        _known.put(key, known, version)
    user._roles = known
    return known


def role_names(user):
    if not user.is_authenticated:
        return frozenset()
    return _roles(user)[0]


def may_use_admin(user):
    """Whether the Wagtail admin (and its bar on pages) is for this user."""
    return user.is_authenticated and _roles(user)[1]


def is_staff_member(user):
    """Admins, staff and moderators review every course, so they see everything."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return MODERATORS in role_names(user)


def is_restricted_instructor(user):
    """An instructor who is not also staff or a moderator: limited to their
    own courses."""
    if not user.is_authenticated or is_staff_member(user):
        return False
    return INSTRUCTORS in role_names(user)
