"""A person's rights over their data: a download of everything held about
them, and the erasure of their account after a grace period. Both walk
every app's part of home/personal_data.py."""

import json
import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.audit import Action, record
from home.models import SiteSettings
from home.outbox import enqueue
from home.personal_data import ErasureBlocked, parts

from ..models import DataExport, ErasureRequest
from ..notifications import notify

logger = logging.getLogger(__name__)

EXPORTS_PER_DAY = 3
README = """This archive holds everything {site} keeps about your account, as
of {when}. Each .json file is one kind of record (its name says which); the
folders hold the files you uploaded and the documents issued to you.
"""


class PrivacyError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ErasureOptions:
    revoke_certificates: bool


# Data export ------------------------------------------------------------------


def request_export(user, by=None):
    """Start preparing a download; the learner gets a link by e-mail."""
    since = timezone.now() - timedelta(days=1)
    if DataExport.objects.filter(user=user, requested_at__gte=since).count() >= (
        EXPORTS_PER_DAY
    ):
        raise PrivacyError(_("You can ask for three downloads a day; try tomorrow."))
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
            record(Action.DATA_EXPORTED, f"user #{user.pk}", "requested", actor=by)
            enqueue("learners.tasks.build_data_export_task", export.pk)
    except IntegrityError:
        raise PrivacyError(_("Your download is already being prepared.")) from None
    return export


def build_export(export_id):
    """Write the archive and send the link; running it twice builds it once."""
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id, status=DataExport.Status.PENDING)
            .first()
        )
        if export is None:
            return None
        # Uploaded work can be large: past a few megabytes the archive is
        # built on disk, not in memory.
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as data:
            write_archive(export.user, data)
            data.seek(0)
            export.file.save("export.zip", File(data), save=False)
        export.size = export.file.size
        export.status = DataExport.Status.READY
        export.ready_at = timezone.now()
        export.expires_at = export.ready_at + timedelta(days=settings.DATA_EXPORT_DAYS)
        export.save()
        notify(export.user, "data_export_ready", export)
    return export


def write_archive(user, buffer):
    """Write the ZIP of every part's records (as JSON) and files."""
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            README.format(site=settings.WAGTAIL_SITE_NAME, when=timezone.now()),
        )
        for part in parts():
            exported = part.export(user)
            for name, records in exported.records.items():
                archive.writestr(
                    f"{part.name}/{name}.json",
                    json.dumps(records, cls=DjangoJSONEncoder, indent=2),
                )
            for name, stored in exported.files:
                target = f"{part.name}/{name}"
                if isinstance(stored, bytes):
                    archive.writestr(target, stored)
                    continue
                try:
                    with stored.open("rb") as source, archive.open(target, "w") as out:
                        shutil.copyfileobj(source, out)
                except (FileNotFoundError, OSError):
                    logger.warning("A stored file of user %s is missing", user.pk)


def expire_exports():
    """Downloads last DATA_EXPORT_DAYS; then the file goes."""
    expired = DataExport.objects.filter(
        status=DataExport.Status.READY, expires_at__lte=timezone.now()
    )
    count = 0
    for export in expired:
        export.file.delete(save=False)
        export.status = DataExport.Status.EXPIRED
        export.save(update_fields=["file", "status"])
        count += 1
    return count


# Account erasure --------------------------------------------------------------


def erasure_blockers(user):
    """What must happen before this account can be erased (messages)."""
    reasons = []
    for part in parts():
        if part.check:
            try:
                part.check(user)
            except ErasureBlocked as blocked:
                reasons.append(blocked.message)
    return reasons


def open_erasure(user):
    return ErasureRequest.objects.filter(
        user=user, cancelled_at__isnull=True, erased_at__isnull=True
    ).first()


def schedule_erasure(user, by=None):
    """Erase the account after the grace period, unless cancelled."""
    blockers = erasure_blockers(user)
    if blockers:
        raise PrivacyError(" ".join(blockers))
    days = settings.ERASURE_GRACE_DAYS
    try:
        with transaction.atomic():
            erasure = ErasureRequest.objects.create(
                user=user,
                requested_by=by,
                erase_after=timezone.now() + timedelta(days=days),
            )
            record(
                Action.ERASURE_REQUESTED,
                f"user #{user.pk}",
                f"erased after {days} days",
                actor=by,
            )
            notify(user, "erasure_scheduled", erasure)
    except IntegrityError:
        raise PrivacyError(_("The account is already due to be erased.")) from None
    return erasure


def cancel_erasure(user, by=None):
    with transaction.atomic():
        erasure = (
            ErasureRequest.objects.select_for_update()
            .filter(user=user, cancelled_at__isnull=True, erased_at__isnull=True)
            .first()
        )
        if erasure is None:
            raise PrivacyError(_("No erasure is planned for this account."))
        erasure.cancel()
        record(Action.ERASURE_CANCELLED, f"user #{user.pk}", actor=by)
    return erasure


def erase_due_accounts():
    """Erase every account whose grace period is over, each on its own."""
    due = ErasureRequest.objects.filter(
        cancelled_at__isnull=True,
        erased_at__isnull=True,
        erase_after__lte=timezone.now(),
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if erase_account(pk))


def erase_account(erasure_id):
    """Erase one account now. In one transaction, so a failure leaves it
    whole; a cancelled or finished request does nothing."""
    with transaction.atomic():
        erasure = (
            ErasureRequest.objects.select_for_update()
            .select_related("user")
            .filter(pk=erasure_id, cancelled_at__isnull=True, erased_at__isnull=True)
            .first()
        )
        if erasure is None:
            return False
        user = erasure.user
        blockers = erasure_blockers(user)
        if blockers:
            logger.warning("Erasure %s waits: %s", erasure.pk, blockers)
            return False
        address = user.email
        options = ErasureOptions(revoke_certificates=_revokes_certificates())
        for part in parts():
            part.erase(user, options)
        erasure.mark_erased()
        record(Action.ACCOUNT_ERASED, f"user #{user.pk}", actor=erasure.requested_by)
    _say_goodbye(address)
    return True


def _revokes_certificates():
    site = Site.objects.filter(is_default_site=True).first()
    choice = SiteSettings.for_site(site).certificates_on_erasure if site else ""
    return choice == SiteSettings.CertificatesOnErasure.REVOKE


def _say_goodbye(address):
    """The last e-mail, sent now: afterwards there is no address to send to.
    A mail outage must not undo the erasure."""
    if not address:
        return
    context = {"site_name": settings.WAGTAIL_SITE_NAME}
    try:
        send_mail(
            render_to_string("emails/account_erased_subject.txt", context).strip(),
            render_to_string("emails/account_erased.txt", context),
            None,
            [address],
        )
    except Exception:  # the erasure stands without the mail
        logger.warning("The erasure notice could not be sent")
