"""Certificate pages: public verification and the owner's download; the
certificate as a verifiable credential (JSON and a baked badge), the
revocation lists and the issuer's DID document."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from home.files import private_file_response

from .credentials.baking import badge_png
from .credentials.keys import did_document
from .credentials.status import LIST_SIZE, status_list_credential
from .models import Certificate, ProgrammeCertificate
from .rate_limits import VERIFY_WINDOW, verification_over_limit, with_retry_after
from .services.credentials import check_credential, credential_of


def verify_form(request):
    """/certificates/verify/: type a code from a certificate."""
    code = request.GET.get("code", "").strip().upper()
    if code:
        return redirect("certificates:verify", code=code[:20])
    return render(request, "learners/verify.html", {"state": "form"})


def verify(request, code):
    """/certificates/verify/<code>/: valid, revoked or not found; nothing more."""
    if verification_over_limit(request):
        context = {"state": "limited", "code": code}
        return with_retry_after(
            render(request, "learners/verify.html", context), VERIFY_WINDOW
        )
    certificate = Certificate.objects.filter(verification_code=code.upper()).first()
    if certificate is None:  # a programme's certificate has the same kind of code
        programme = ProgrammeCertificate.objects.filter(
            verification_code=code.upper()
        ).first()
        if programme is not None:
            return render(
                request,
                "learners/verify.html",
                {
                    "state": "valid" if programme.is_valid else "revoked",
                    "certificate": programme,
                },
            )
    if certificate is None:
        return render(
            request,
            "learners/verify.html",
            {"state": "unknown", "code": code},
            status=404,
        )
    state = "valid" if certificate.is_valid else "revoked"
    return render(
        request,
        "learners/verify.html",
        {
            "state": state,
            "certificate": certificate,
            "check": check_credential(certificate),
        },
    )


def _public_certificate(request, code):
    if verification_over_limit(request):
        raise Http404
    return get_object_or_404(Certificate, verification_code=code.upper())


@require_GET
def credential(request, code):
    """The Open Badges 3.0 credential (public, revoked ones too: a verifier
    reads the revocation from its status list)."""
    certificate = _public_certificate(request, code)
    body = json.dumps(credential_of(certificate), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/vc+ld+json; charset=utf-8")
    if request.GET.get("download"):
        name = f"certificate-{certificate.verification_code}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def badge(request, code):
    """The badge PNG with the credential baked in."""
    certificate = _public_certificate(request, code)
    response = HttpResponse(
        badge_png(credential_of(certificate)), content_type="image/png"
    )
    if request.GET.get("download"):
        name = f"badge-{certificate.verification_code}.png"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def status_list(request, number):
    """A revocation list; lists past the last certificate do not exist."""
    last = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first()
    if last is None or number > last // LIST_SIZE:
        raise Http404
    response = HttpResponse(
        json.dumps(status_list_credential(number)),
        content_type="application/vc+ld+json",
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def did_json(request):
    """/.well-known/did.json: the issuer (did:web) and its keys."""
    response = JsonResponse(did_document(), content_type="application/did+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_required
def download(request, pk):
    """The owner's PDF; anyone else gets a 404."""
    certificate = get_object_or_404(
        Certificate, pk=pk, enrollment__user=request.user, revoked_at__isnull=True
    )
    if not certificate.pdf:
        raise Http404(_("The certificate is still being prepared."))
    filename = f"certificate-{certificate.verification_code}.pdf"
    return private_file_response(certificate.pdf, filename)


@login_required
def programme_download(request, pk):
    """The owner's programme certificate PDF; anyone else gets a 404."""
    certificate = get_object_or_404(
        ProgrammeCertificate,
        pk=pk,
        enrollment__user=request.user,
        revoked_at__isnull=True,
    )
    if not certificate.pdf:
        raise Http404(_("The certificate is still being prepared."))
    filename = f"certificate-{certificate.verification_code}.pdf"
    return private_file_response(certificate.pdf, filename)
