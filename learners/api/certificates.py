"""Certificates through the API: the caller's own (with the PDF), and the
public check of a verification code, as the verify page answers it."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from home.api_errors import ApiError, ErrorOut, refusals
from home.api_pages import PageQuery, RowId, file_answer, page_of
from home.files import private_file_response

from ..models import Certificate
from ..rate_limits import VERIFY_WINDOW, verification_over_limit
from .security import LEARNER, OPTIONAL_AUTH, anonymous

router = Router(tags=["Certificates"])

REFUSALS = refusals(400, 401, 403, 404, 422)
PDF = file_answer("The certificate as a PDF.", "application/pdf")


# As printed on a certificate (letters, digits and dashes).
Code = Annotated[str, Path(max_length=20, pattern=r"^[A-Za-z0-9-]+$")]


class CertificateOut(Schema):
    id: int
    course_id: int
    course_title: str
    learner_name: str
    verification_code: str
    issued_at: datetime
    completed_at: datetime
    hours: Decimal
    valid: bool = Field(description="False once revoked.")
    revoked_at: datetime | None
    verify_url: str = Field(description="The public page anyone can check it on.")
    pdf_url: str | None = Field(
        description="The API address of the PDF; null while it is being made "
        "or once revoked."
    )


class CertificatePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CertificateOut]


class VerificationOut(Schema):
    """As the verify page: a revoked certificate says only that it is."""

    code: str
    status: str = Field(description="valid or revoked.")
    learner_name: str | None = None
    course_title: str | None = None
    issued_at: datetime | None = None
    completed_at: datetime | None = None
    hours: Decimal | None = None


def certificate_out(certificate, request):
    verify = reverse("certificates:verify", args=[certificate.verification_code])
    pdf = reverse("api:certificate_pdf", args=[certificate.pk])
    return CertificateOut(
        id=certificate.pk,
        course_id=certificate.enrollment.course_id,
        course_title=certificate.course_title,
        learner_name=certificate.learner_name,
        verification_code=certificate.verification_code,
        issued_at=certificate.issued_at,
        completed_at=certificate.completed_at,
        hours=certificate.hours,
        valid=certificate.is_valid,
        revoked_at=certificate.revoked_at,
        verify_url=request.build_absolute_uri(verify),
        pdf_url=(
            request.build_absolute_uri(pdf)
            if certificate.pdf and certificate.is_valid
            else None
        ),
    )


@router.get(
    "/me/certificates/",
    auth=LEARNER,
    response={200: CertificatePage, **REFUSALS},
    summary="The caller's certificates, newest first",
)
def my_certificates(request, query: Query[PageQuery]):
    rows = (
        Certificate.objects.filter(enrollment__user=request.auth)
        .select_related("enrollment")
        .order_by("-issued_at", "-pk")
    )
    page, count = page_of(rows, query)
    return CertificatePage(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[certificate_out(certificate, request) for certificate in page],
    )


@router.get(
    "/me/certificates/{certificate_id}/pdf/",
    auth=LEARNER,
    response={**REFUSALS},
    summary="Download one of the caller's certificates",
    url_name="certificate_pdf",
    openapi_extra=PDF,
)
def certificate_pdf(request, certificate_id: RowId):
    """The owner's PDF; anyone else's, a revoked one or one still being made
    is a 404."""
    certificate = get_object_or_404(
        Certificate,
        pk=certificate_id,
        enrollment__user=request.auth,
        revoked_at__isnull=True,
    )
    if not certificate.pdf:
        raise ApiError(404, _("The certificate is still being prepared."))
    filename = f"certificate-{certificate.verification_code}.pdf"
    return private_file_response(certificate.pdf, filename)


@router.get(
    "/certificates/verify/{code}/",
    auth=[*LEARNER, anonymous],
    response={200: VerificationOut, 429: ErrorOut, **REFUSALS},
    summary="Check a certificate's verification code",
    openapi_extra=OPTIONAL_AUTH,
)
def verify(request, code: Code):
    """What the public verify page shows: valid or revoked, and whose; an
    unknown code is a 404. Look-ups per address are limited as on the page."""
    if verification_over_limit(request):
        error = ApiError(429, _("Too many look-ups: try again in a minute."))
        error.wait = VERIFY_WINDOW
        raise error
    certificate = get_object_or_404(Certificate, verification_code=code.upper())
    if not certificate.is_valid:
        return VerificationOut(code=certificate.verification_code, status="revoked")
    return VerificationOut(
        code=certificate.verification_code,
        status="valid",
        learner_name=certificate.learner_name,
        course_title=certificate.course_title,
        issued_at=certificate.issued_at,
        completed_at=certificate.completed_at,
        hours=certificate.hours,
    )
