"""Certificates: issued once per completed enrolment, rendered to PDF with
xhtml2pdf, verifiable by code, revocable by staff."""

import base64
import io
from decimal import Decimal

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from xhtml2pdf import pisa

from home.audit import Action, record

from .. import webhook_events
from ..models import Certificate, Enrollment, Profile
from ..notifications import notify
from .credentials import credential_of


def issue_certificate(enrollment_id):
    """The enrolment's certificate, created the first time; None if the course
    is not completed. Two workers at once still leave one certificate."""
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("user", "course__instructor")
            .get(pk=enrollment_id)
        )
        existing = Certificate.objects.filter(enrollment=enrollment).first()
        if existing:
            return existing
        if enrollment.status != Enrollment.Status.COMPLETED:
            return None
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(**_facts(enrollment))
        except IntegrityError:
            return Certificate.objects.get(enrollment=enrollment)
        render_pdf(certificate)
        credential_of(certificate)
        notify(enrollment.user, "course_completed", certificate)
        webhook_events.certificate_issued(certificate)
    return certificate


def _facts(enrollment):
    user, course = enrollment.user, enrollment.course
    learner = certificate_name(user)
    instructor = course.instructor
    minutes = course.duration_minutes or 0
    return {
        "enrollment": enrollment,
        "learner_name": learner,
        "course_title": course.title,
        "instructor_name": instructor.get_full_name() if instructor else "",
        "completed_at": enrollment.completed_at,
        "hours": (Decimal(minutes) / 60).quantize(Decimal("0.1")),
    }


def certificate_name(user):
    """The name a certificate shows: the learner's display name or full
    name, never their e-mail address (the public check page shows it). Empty
    until they give one; the course page then asks for it."""
    profile = Profile.objects.filter(user=user).first()
    return ((profile.display_name if profile else "") or user.get_full_name()).strip()


def fill_in_names(user):
    """After the learner gives a name: their certificates issued without one
    get it, and their PDFs are drawn again. A name once shown stays."""
    name = certificate_name(user)
    if not name:
        return 0
    waiting = list(Certificate.objects.filter(enrollment__user=user, learner_name=""))
    for certificate in waiting:
        certificate.learner_name = name
        certificate.save(update_fields=["learner_name"])
        render_pdf(certificate)
    return len(waiting)


def verification_url(certificate):
    path = reverse("certificates:verify", args=[certificate.verification_code])
    return f"{settings.SITE_URL}{path}"


def render_pdf(certificate):
    """Render (or re-render) the PDF of a course's or a programme's
    certificate and store it once."""
    owner = getattr(certificate.enrollment, "programme", None) or (
        certificate.enrollment.course
    )
    template = owner.certificate_template
    qr = segno.make(verification_url(certificate), error="m")
    context = {
        "certificate": certificate,
        "template": template,
        "accent": template.accent_colour if template else "#1f5f8b",
        "logo": _image_data(template.logo) if template and template.logo else None,
        "signature": (
            _image_data(template.signature) if template and template.signature else None
        ),
        "qr": qr.png_data_uri(scale=4),
        "verify_url": verification_url(certificate),
    }
    html = render_to_string("learners/certificate_pdf.html", context)
    buffer = io.BytesIO()
    result = pisa.CreatePDF(html, dest=buffer)
    if result.err:
        raise RuntimeError(f"certificate PDF failed for {certificate.pk}")
    old = certificate.pdf.name
    certificate.pdf.save(
        f"{certificate.pk}.pdf", ContentFile(buffer.getvalue()), save=True
    )
    if old and old != certificate.pdf.name:
        certificate.pdf.storage.delete(old)
    return certificate


def _image_data(image):
    """Images go into the PDF as data, so local files and S3 work alike."""
    rendition = image.get_rendition("max-600x200|format-png")
    with rendition.file.open("rb") as handle:
        encoded = base64.b64encode(handle.read()).decode()
    return f"data:image/png;base64,{encoded}"


def revoke_certificate(certificate, reason, by=None):
    with transaction.atomic():
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        record(Action.CERTIFICATE_REVOKED, certificate, reason, actor=by)
        webhook_events.certificate_revoked(certificate)
    return certificate
