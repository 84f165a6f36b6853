"""Learners own their data: a download holds their rows and files and no
one else's; an erasure, after its grace period, leaves no personal field in
any table, removes their files, keeps the ledger and invoice numbers, and
leaves certificates verifiable without the name."""

import io
import json
import re
import zipfile
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client
from django.utils import timezone

from home.models import AuditEntry
from learners import personal_data
from learners.models import (
    ApiDevice,
    ApiKey,
    Certificate,
    DataExport,
    ErasureRequest,
    IdempotentRequest,
)
from learners.services.api_tokens import log_in_device
from learners.tasks import erase_due_accounts_task, expire_data_exports_task
from payments.models import Earning, Invoice, PaymentTransaction
from tests.conftest import run_periodic
from tests.learners.privacy_fixtures import PASSWORD, person_with_everything

pytestmark = pytest.mark.django_db
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@pytest.fixture
def amina(catalogue):
    return person_with_everything(catalogue, "A")


@pytest.fixture
def bongani(catalogue):
    return person_with_everything(catalogue, "B")


def download(person, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = person.client.post("/accounts/data/download/")
    assert response.status_code == 302
    link = re.search(r"https?://\S+/accounts/data/\d+/download/", mailoutbox[-1].body)
    path = "/" + link[0].split("/", 3)[3]
    file = person.client.get(path)
    assert file.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(file.streaming_content)))


def test_a_download_holds_my_rows_and_files_and_none_of_anyone_elses(
    amina, bongani, django_capture_on_commit_callbacks, mailoutbox
):
    archive = download(amina, django_capture_on_commit_callbacks, mailoutbox)
    names = archive.namelist()
    everything = " ".join(archive.read(name).decode(errors="replace") for name in names)

    assert mailoutbox[-1].to == [amina.user.email]
    assert {"learning/enrollments.json", "payments/invoices.json"} <= set(names)
    assert f"payments/invoices/{amina.order.invoice.number}.pdf" in names
    assert "account/account.json" in names and "README.txt" in names
    assert any(name.startswith("learning/submissions/") for name in names)
    assert any(name.startswith("learning/certificates/") for name in names)
    for secret in amina.secrets:
        assert secret in everything
    for secret in bongani.secrets:
        assert secret not in everything
    assert "B essay" not in everything
    enrollments = json.loads(archive.read("learning/enrollments.json"))
    assert {row["user"] for row in enrollments} == {amina.user.pk}
    invoices = json.loads(archive.read("payments/invoices.json"))
    assert [row["number"] for row in invoices] == [amina.order.invoice.number]


def test_someone_elses_download_is_not_found(
    amina, bongani, django_capture_on_commit_callbacks, mailoutbox
):
    download(amina, django_capture_on_commit_callbacks, mailoutbox)
    export = DataExport.objects.get(user=amina.user)

    assert bongani.client.get(f"/accounts/data/{export.pk}/download/").status_code == (
        404
    )
    assert Client().get(f"/accounts/data/{export.pk}/download/").status_code == 302


def test_a_second_request_while_one_is_prepared_is_refused(amina):
    DataExport.objects.create(user=amina.user)

    response = amina.client.post("/accounts/data/download/", follow=True)

    assert "already being prepared" in response.content.decode()
    assert DataExport.objects.count() == 1


def test_a_download_expires_and_its_file_goes(
    amina, django_capture_on_commit_callbacks, mailoutbox
):
    download(amina, django_capture_on_commit_callbacks, mailoutbox)
    export = DataExport.objects.get()
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())

    run_periodic(expire_data_exports_task)

    export.refresh_from_db()
    assert export.status == "expired" and not export.file
    assert amina.client.get(f"/accounts/data/{export.pk}/download/").status_code == 404


def test_erasure_needs_the_password_and_waits_for_the_grace_period(
    amina, django_capture_on_commit_callbacks, mailoutbox
):
    wrong = amina.client.post("/accounts/data/erase/", {"password": "guess"})
    with django_capture_on_commit_callbacks(execute=True):
        amina.client.post("/accounts/data/erase/", {"password": PASSWORD})
    erasure = ErasureRequest.objects.get()

    assert wrong.status_code == 400 and "not your password" in wrong.content.decode()
    assert (erasure.erase_after - timezone.now()).days == 13  # 14 days, less a moment
    assert "will be erased on" in mailoutbox[-1].subject
    run_periodic(erase_due_accounts_task)
    amina.user.refresh_from_db()
    assert amina.user.email  # not yet


def test_a_cancelled_erasure_never_happens(amina):
    amina.client.post("/accounts/data/erase/", {"password": PASSWORD})
    amina.client.post("/accounts/data/erase/cancel/")
    ErasureRequest.objects.update(erase_after=timezone.now() - timedelta(days=1))

    run_periodic(erase_due_accounts_task)

    amina.user.refresh_from_db()
    assert amina.user.email == "amina.a@example.org"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"erasure_requested", "erasure_cancelled"} <= actions


def personal_fields_left(secrets):
    """(model, field, row) wherever a secret still appears, in every table."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.primary_key
        ]
        if not fields:
            continue
        for row in model._base_manager.values("pk", *fields):
            for name in fields:
                text = json.dumps(row[name]) if row[name] is not None else ""
                for secret in secrets:
                    if secret.lower() in text.lower():
                        found.append((model._meta.label, name, row["pk"], secret))
    return found


def test_an_erasure_leaves_no_personal_field_in_any_table(
    amina, bongani, django_capture_on_commit_callbacks, mailoutbox
):
    invoice_number = amina.order.invoice.number
    ledger = sum(Earning.objects.values_list("instructor_amount", flat=True))
    paid_in = sum(PaymentTransaction.objects.values_list("amount", flat=True))
    amina.client.post("/accounts/data/erase/", {"password": PASSWORD})
    assert personal_fields_left(amina.secrets)  # the walk finds them before
    ErasureRequest.objects.update(erase_after=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        run_periodic(erase_due_accounts_task)

    assert personal_fields_left(amina.secrets) == []
    assert personal_fields_left(bongani.secrets[:3])  # the others are untouched
    for name in amina.files:
        assert not default_storage.exists(name), name
    assert all(default_storage.exists(name) for name in bongani.files)
    # Tax records stay, pseudonymised; the money still adds up.
    invoice = Invoice.objects.get(number=invoice_number)
    assert invoice.billed_to_name == f"Erased customer #{amina.user.pk}"
    assert sum(Earning.objects.values_list("instructor_amount", flat=True)) == ledger
    assert sum(PaymentTransaction.objects.values_list("amount", flat=True)) == paid_in
    # The certificate still verifies as issued, with no name.
    certificate = Certificate.objects.get(pk=amina.certificate.pk)
    page = Client().get(f"/certificates/verify/{certificate.verification_code}/")
    assert page.status_code == 200 and certificate.learner_name == ""
    assert not certificate.revoked_at
    # The account is closed and the person was told at their old address.
    assert not Client().login(username=amina.user.username, password=PASSWORD)
    assert mailoutbox[-1].to == ["amina.a@example.org"]
    assert "has been erased" in mailoutbox[-1].subject
    assert AuditEntry.objects.filter(action="account_erased").exists()


def test_every_model_that_points_at_a_user_is_walked(amina):
    """A new model with a foreign key to the user must be handled by some
    app's personal-data part; this lists them so a new one fails here."""
    from django.contrib.auth import get_user_model

    pointing = sorted(
        f"{f.related_model._meta.label}.{f.field.name}"
        for f in get_user_model()._meta.get_fields(include_hidden=True)
        if f.is_relation
        and f.auto_created
        and not f.concrete
        and not f.related_model._meta.auto_created
    )

    assert pointing == sorted(HANDLED)


HANDLED = [
    "account.EmailAddress.user",
    "socialaccount.SocialAccount.user",
    "community.Announcement.author",
    "community.Answer.author",
    "community.BadgeAward.user",
    "community.CourseBan.banned_by",
    "community.CourseBan.user",
    "community.Question.author",
    "community.Report.decided_by",
    "community.Report.reporter",
    "community.Review.author",
    "community.Streak.user",
    "community.Vote.user",
    "community.XPEvent.user",
    "admin.LogEntry.user",
    "courses.CoursePage.instructor",
    "home.AuditEntry.actor",
    "learners.ApiDevice.user",
    "learners.ApiKey.user",
    "learners.Cmi5Session.user",
    "learners.Cmi5State.user",
    "learners.DataExport.user",
    "learners.Enrollment.user",
    "learners.ProgrammeEnrollment.user",
    "learners.IdempotentRequest.user",
    "learners.ErasureRequest.requested_by",
    "learners.ErasureRequest.user",
    "learners.LearningEvent.user",
    "learners.Notification.user",
    "learners.NotificationPreference.user",
    "learners.Profile.user",
    "learners.SentEmail.user",
    "learners.Submission.graded_by",
    "lessons.Cmi5Package.uploaded_by",
    "lessons.H5PPackage.uploaded_by",
    "lessons.ScormPackage.uploaded_by",
    "lessons.ToolLaunch.user",
    "lti.ScoreReport.user",
    "lti_tool.LtiUser.auth_user",
    "organisations.Invitation.invited_by",
    "organisations.Membership.user",
    "organisations.SeatAssignment.assigned_by",
    "organisations.SeatAssignment.user",
    "payments.CouponRedemption.user",
    "payments.Earning.instructor",
    "payments.InstructorAccount.user",
    "payments.Order.user",
    "payments.Payout.decided_by",
    "payments.Payout.instructor",
    "payments.StatementLine.instructor",
    "payments.StripeCustomer.user",
    "payments.Subscription.user",
    "wagtail_localize.SegmentOverride.last_translated_by",
    "wagtail_localize.StringTranslation.last_translated_by",
    "wagtailadmin.EditingSession.user",
    "wagtailadmin.FormState.user",
    "wagtailcore.APIToken.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.Comment.user",
    "wagtailcore.CommentReply.user",
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Page.owner",
    "wagtailcore.PageLogEntry.user",
    "wagtailcore.PageSubscription.user",
    "wagtailcore.Revision.user",
    "wagtailcore.TaskState.finished_by",
    "wagtailcore.UploadedFile.uploaded_by_user",
    "wagtailcore.WorkflowState.requested_by",
    "wagtaildocs.Document.uploaded_by_user",
    "wagtailimages.Image.uploaded_by_user",
    "wagtailusers.UserProfile.user",
]


def test_the_site_setting_can_revoke_the_certificates_of_an_erased_account(amina, site):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.certificates_on_erasure = "revoke"
    settings.save()
    amina.client.post("/accounts/data/erase/", {"password": PASSWORD})
    ErasureRequest.objects.update(erase_after=timezone.now())

    run_periodic(erase_due_accounts_task)

    certificate = Certificate.objects.get(pk=amina.certificate.pk)
    assert certificate.revoked_at and certificate.learner_name == ""


def test_a_live_subscription_must_end_before_the_account_can_be_erased(amina):
    from payments.models import Subscription
    from tests.payments.factories import PlanFactory

    Subscription.objects.create(
        user=amina.user,
        plan=PlanFactory(),
        gateway="offline",
        gateway_subscription_id="sub_1",
        status="active",
        current_period_end=timezone.now() + timedelta(days=20),
    )

    page = amina.client.get("/accounts/data/")
    refused = amina.client.post(
        "/accounts/data/erase/", {"password": PASSWORD}, follow=True
    )

    assert "Cancel the subscription first" in page.content.decode()
    assert "Cancel the subscription first" in refused.content.decode()
    assert not ErasureRequest.objects.exists()


def test_an_admin_can_plan_an_erasure_and_a_download_for_someone(
    amina, django_capture_on_commit_callbacks, mailoutbox
):
    from tests.courses.factories import UserFactory

    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    staff = Client()
    staff.force_login(admin)
    url = f"/admin/learning/personal-data/{amina.user.pk}/"
    instructor = Client()
    instructor.force_login(UserFactory(username="teach", is_staff=True))

    listing = staff.get("/admin/users/")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"action": "export"})
        staff.post(url, {"action": "erase"})

    assert url in listing.content.decode()
    assert ErasureRequest.objects.get().requested_by == admin
    assert DataExport.objects.get().status == "ready"
    assert mailoutbox[-1].to == [amina.user.email]  # never to the admin
    assert instructor.get(url).status_code in (302, 403)
    assert set(
        AuditEntry.objects.filter(actor=admin).values_list("action", flat=True)
    ) == {"data_exported", "erasure_requested"}


def test_ways_into_the_api_are_in_the_download_and_go_with_the_account(amina):
    user = amina.user
    log_in_device(user, "Amina's phone")
    ApiKey.issue(user, "spreadsheet")
    IdempotentRequest.objects.create(user=user, key="k", fingerprint="f")

    records = personal_data.export(user).records
    personal_data.erase(user, SimpleNamespace(revoke_certificates=False))

    assert records["app_log_ins"][0]["name"] == "Amina's phone"
    assert records["api_keys"][0]["name"] == "spreadsheet"
    assert "hashed" not in records["api_keys"][0]
    for model in (ApiDevice, ApiKey, IdempotentRequest):
        assert not model.objects.filter(user=user).exists()
