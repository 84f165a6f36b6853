"""Certificate pages: public verification and the owner's download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from home.files import private_file_response

from .models import Certificate
from .rate_limits import VERIFY_WINDOW, verification_over_limit, with_retry_after


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
    if certificate is None:
        return render(
            request,
            "learners/verify.html",
            {"state": "unknown", "code": code},
            status=404,
        )
    state = "valid" if certificate.is_valid else "revoked"
    return render(
        request, "learners/verify.html", {"state": state, "certificate": certificate}
    )


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
