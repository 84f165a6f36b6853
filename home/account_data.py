"""The account itself and what Django, allauth and Wagtail keep about it:
the part of personal data every other part builds on."""

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile
from wagtail_localize.models import SegmentOverride, StringTranslation

from .models import AuditEntry
from .personal_data import Export, delete_files, register, rows

ACCOUNT_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "date_joined",
    "last_login",
    "is_active",
)


def pseudonym(user):
    """What an erased account is called wherever a name is still needed."""
    return f"erased-{user.pk}"


def export(user):
    account = {name: getattr(user, name) for name in ACCOUNT_FIELDS}
    account["groups"] = list(user.groups.values_list("name", flat=True))
    return Export(
        records={
            "account": [account],
            "email_addresses": rows(EmailAddress.objects.filter(user=user)),
            "admin_comments": rows(Comment.objects.filter(user=user)),
            "admin_comment_replies": rows(CommentReply.objects.filter(user=user)),
            "staff_actions": rows(AuditEntry.objects.filter(actor=user)),
        }
    )


def erase(user, options):
    name = pseudonym(user)
    profile = UserProfile.objects.filter(user=user).first()
    if profile:
        delete_files(profile.avatar)
        profile.delete()
    EmailAddress.objects.filter(user=user).delete()
    EditingSession.objects.filter(user=user).delete()
    FormState.objects.filter(user=user).delete()
    APIToken.objects.filter(user=user).delete()
    PageSubscription.objects.filter(user=user).delete()
    CommentReply.objects.filter(user=user).delete()
    Comment.objects.filter(user=user).delete()
    Comment.objects.filter(resolved_by=user).update(resolved_by=None)
    _forget_authorship(user)
    # Logs keep what happened and drop who: entries by the person lose the
    # link, entries about the account lose its name.
    user_type = ContentType.objects.get_for_model(user)
    ModelLogEntry.objects.filter(user=user).update(user=None)
    PageLogEntry.objects.filter(user=user).update(user=None)
    ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        label=name, data={}
    )
    LogEntry.objects.filter(user=user).delete()
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=name, change_message=""
    )
    AuditEntry.objects.forget_addresses_of(user)

    user.username = name
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()  # also ends every session (the hash changes)
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _forget_authorship(user):
    """Pages, revisions and uploads stay with the site, not with the person."""
    Revision.objects.filter(user=user).update(user=None)
    Page.objects.filter(owner=user).update(owner=None)
    Page.objects.filter(locked_by=user).update(locked_by=None, locked=False)
    WorkflowState.objects.filter(requested_by=user).update(requested_by=None)
    TaskState.objects.filter(finished_by=user).update(finished_by=None)
    get_document_model().objects.filter(uploaded_by_user=user).update(
        uploaded_by_user=None
    )
    get_image_model().objects.filter(uploaded_by_user=user).update(
        uploaded_by_user=None
    )
    UploadedFile.objects.filter(uploaded_by_user=user).update(uploaded_by_user=None)
    # Translations a person made stay with the page they translate.
    StringTranslation.objects.filter(last_translated_by=user).update(
        last_translated_by=None
    )
    SegmentOverride.objects.filter(last_translated_by=user).update(
        last_translated_by=None
    )


def connect():
    # Last: the other parts may still need the account's e-mail address.
    register("account", export=export, erase=erase, order=1000)
