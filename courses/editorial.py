"""Who works on which course pages in the admin, and how a course is reviewed.

Instructors may add courses to the catalogue and work only on courses they
teach and everything below them; moderators work on every course and approve
what goes live through the "Course review" workflow. Every admin way into a
page (the explorer, search, edit, preview, revisions, history, copy) asks
`may_work_on`.
"""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, Page

from home.roles import (
    INSTRUCTORS,
    MODERATORS,
    is_restricted_instructor,
)

from .models import CourseIndexPage, CoursePage

WORKFLOW_NAME = "Course review"
TASK_NAME = "Moderator approval"
# Wagtail's page permission codenames; "add" also lets an instructor edit the
# pages they own, and course pages are owned by the course's instructor.
INSTRUCTOR_PAGE_PERMISSIONS = ("add_page",)
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
# Model permissions of every instructor; which rows they reach is narrowed
# to their own (H5P packages they uploaded) in the admin views.
INSTRUCTOR_MODEL_PERMISSIONS = (
    ("lessons", "add_h5ppackage"),
    ("lessons", "change_h5ppackage"),
    ("lessons", "delete_h5ppackage"),
)
INSTRUCTOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def grant_catalogue_permissions(catalogue, apps=django_apps):
    """Give the role groups their permissions on a catalogue page and put it
    under the Course review workflow. Takes `apps` so a migration can pass its
    historical models."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    grants = [(INSTRUCTORS, INSTRUCTOR_PAGE_PERMISSIONS)]
    grants.append((MODERATORS, MODERATOR_PAGE_PERMISSIONS))
    for group_name, codenames in grants:
        group = group_model.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            permission = permission_model.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                page_permission_model.objects.get_or_create(
                    group=group, page_id=catalogue.pk, permission=permission
                )
    workflow = (
        apps.get_model("wagtailcore", "Workflow")
        .objects.filter(name=WORKFLOW_NAME)
        .first()
    )
    if workflow:
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
            page_id=catalogue.pk, defaults={"workflow": workflow}
        )


def own_course_paths(user):
    return list(
        CoursePage.objects.filter(Q(owner=user) | Q(instructor=user)).values_list(
            "path", flat=True
        )
    )


def may_work_on(user, page):
    """May this user open this page in the admin? Pages outside the catalogues
    (home, the catalogue itself) stay visible so instructors can find their
    way; inside a catalogue only their own courses are."""
    if not is_restricted_instructor(user):
        return True
    catalogue_paths = CourseIndexPage.objects.values_list("path", flat=True)
    inside_catalogue = any(
        page.path.startswith(path) and page.path != path for path in catalogue_paths
    )
    if not inside_catalogue:
        return True
    return any(page.path.startswith(path) for path in own_course_paths(user))


def visible_pages(user, pages):
    """Narrow a page queryset to what the user may see in admin listings."""
    if not is_restricted_instructor(user):
        return pages
    nothing = Q(pk__in=[])
    own, inside_catalogue = nothing, nothing
    for path in own_course_paths(user):
        own |= Q(path__startswith=path)
    for path in CourseIndexPage.objects.values_list("path", flat=True):
        inside_catalogue |= Q(path__startswith=path) & ~Q(path=path)
    return pages.filter(own | ~inside_catalogue)


def sync_course_ownership(page):
    """Course pages belong to the course's instructor, whoever created them,
    so the instructor may edit every section and lesson of their course."""
    course = (
        CoursePage.objects.filter(path__in=_ancestor_paths(page)).first()
        if not isinstance(page.specific, CoursePage)
        else page.specific
    )
    if course is None or course.instructor_id is None:
        return
    Page.objects.filter(path__startswith=course.path).exclude(
        owner_id=course.instructor_id
    ).update(owner_id=course.instructor_id)


def _ancestor_paths(page):
    step = page.steplen
    return [page.path[:i] for i in range(step, len(page.path) + 1, step)]


INSTRUCTOR_COLLECTIONS = "Instructors"


def ensure_instructor_workspace(user):
    """Each instructor gets a collection of their own for images and
    documents, reachable only through a group of their own."""
    # A fresh test database may have no root collection yet.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    parent = root.get_children().filter(name=INSTRUCTOR_COLLECTIONS).first()
    if parent is None:
        parent = root.add_child(name=INSTRUCTOR_COLLECTIONS)
    collection = parent.get_children().filter(name=user.get_username()).first()
    if collection is None:
        collection = parent.add_child(name=user.get_username())
    group, _ = Group.objects.get_or_create(
        name=f"Instructor collection: {user.get_username()}"
    )
    for app_label, codename in INSTRUCTOR_COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    user.groups.add(group)
    return collection
