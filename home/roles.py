"""The roles of the platform as Django groups, created by a migration, and
who counts as staff. Site-wide, so every app can ask without loading the
learner models."""

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
MODERATORS = "Moderators"
ALL_ROLES = (STUDENTS, INSTRUCTORS, MODERATORS)
# Roles that work in the Wagtail admin; students never see it.
ADMIN_ROLES = (INSTRUCTORS, MODERATORS)


def ensure_role_groups(group_model, permission_model):
    """Create the role groups; admin roles may open the Wagtail admin.

    Takes the models so the data migration can pass its historical ones.
    """
    # Wagtail's migrations create this permission; only a test-database flush
    # (which keeps no migration data) leaves it missing.
    access_admin = permission_model.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    groups = {}
    for name in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=name)
        if name in ADMIN_ROLES and access_admin is not None:
            group.permissions.add(access_admin)
        groups[name] = group
    return groups


def is_staff_member(user):
    """Admins, staff and moderators review every course, so they see everything."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name=MODERATORS).exists()


def is_restricted_instructor(user):
    """An instructor who is not also staff or a moderator: limited to their
    own courses."""
    if not user.is_authenticated or is_staff_member(user):
        return False
    return user.groups.filter(name=INSTRUCTORS).exists()
