"""Sensitive staff actions land in an append-only audit log with who, what,
when and from where; only admins see it."""

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from home.audit import AuditRequestMiddleware
from home.models import AuditEntry
from learners.models import Certificate
from learners.services.certificates import revoke_certificate
from payments.models import Order
from tests.courses.factories import UserFactory
from tests.learners.factories import enrolled, learner
from tests.payments.factories import paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.force_login(admin)
    return client, admin


def test_a_refund_from_the_admin_records_who_and_from_where(
    client, catalogue, admin_client
):
    staff, admin = admin_client
    course = paid_course(catalogue, "audited", 10000, instructor=UserFactory())
    buyer = learner(username="buyer")
    client.force_login(buyer)
    page = client.post(f"/payments/checkout/{course.pk}/")
    client.post(page.url, {"pay": ""})
    order = Order.objects.get()

    staff.post(f"/admin/commerce/orders/{order.pk}/refund/")

    entry = AuditEntry.objects.get(action="refund")
    assert (entry.actor, entry.ip_address) == (admin, "203.0.113.9")
    assert entry.target == f"order #{order.pk}"
    assert "100.00" in entry.summary and "buyer" not in entry.summary


def test_a_role_change_in_the_admin_is_recorded(admin_client):
    _, admin = admin_client
    someone = learner(username="promoted")
    instructors, _ = Group.objects.get_or_create(name="Instructors")
    request = RequestFactory().post("/admin/users/", REMOTE_ADDR="198.51.100.4")
    request.user = admin

    def promote(request):
        someone.groups.add(instructors)
        someone.is_staff = True
        someone.save()
        return HttpResponse()

    AuditRequestMiddleware(promote)(request)

    summaries = set(
        AuditEntry.objects.filter(action="role_changed").values_list(
            "summary", flat=True
        )
    )
    assert {"added to Instructors", "is_staff on"} <= summaries
    assert set(AuditEntry.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.4"
    }


def test_a_learners_own_sign_up_group_is_not_a_staff_action():
    someone = learner(username="newcomer")
    students, _ = Group.objects.get_or_create(name="Students")
    request = RequestFactory().get("/")
    request.user = someone

    AuditRequestMiddleware(
        lambda request: someone.groups.add(students) or HttpResponse()
    )(request)

    assert not AuditEntry.objects.exists()


def test_a_certificate_revocation_is_recorded(catalogue, admin_client):
    _, admin = admin_client
    from tests.courses.factories import CoursePageFactory

    course = CoursePageFactory(parent=catalogue, slug="c")
    enrollment = enrolled(learner(username="graduate"), course)
    certificate = Certificate.objects.create(
        enrollment=enrollment, completed_at=timezone.now(), hours=1, learner_name="G"
    )

    revoke_certificate(certificate, "Issued by mistake", by=admin)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.summary) == (
        "certificate_revoked",
        admin,
        "Issued by mistake",
    )


def test_entries_cannot_be_changed_or_deleted():
    entry = AuditEntry.objects.create(action="refund", target="order #1")

    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(summary="changed")
    assert AuditEntry.objects.get().summary == ""


def test_only_admins_see_the_audit_log(admin_client):
    staff, _ = admin_client
    AuditEntry.objects.create(action="refund", target="order #7", summary="R 10")
    instructor = UserFactory(username="teach", is_staff=True)
    other = Client()
    other.force_login(instructor)

    listing = staff.get("/admin/home/auditentry/")

    assert listing.status_code == 200 and "order #7" in listing.content.decode()
    assert other.get("/admin/home/auditentry/").status_code in (302, 403)
