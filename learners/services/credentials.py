"""A certificate's verifiable credential: signed once, kept with it, and
checked again on the public verify page (signature and revocation)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..credentials.badges import open_badge
from ..credentials.keys import issuer_did, published_keys
from ..credentials.proofs import ProofError, verify
from ..models import Certificate


def credential_of(certificate):
    """The certificate's signed Open Badges 3.0 credential, issued the first
    time it is asked for (two requests at once still sign once)."""
    if certificate.credential:
        return certificate.credential
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("enrollment__user", "enrollment__course")
            .get(pk=certificate.pk)
        )
        if not locked.credential:
            locked.credential = open_badge(locked, timezone.now())
            locked.save(update_fields=["credential"])
    certificate.credential = locked.credential
    return locked.credential


def issuer_key(verification_method):
    """The multibase of a key this issuer publishes, or None."""
    did, _hash, fragment = verification_method.partition("#")
    if did == issuer_did() and fragment in published_keys():
        return fragment
    return None


@dataclass(frozen=True)
class CredentialCheck:
    signature_ok: bool
    revoked: bool
    problem: str = ""

    @property
    def valid(self):
        return self.signature_ok and not self.revoked


def check_credential(certificate):
    """What a verifier would conclude about the stored credential."""
    credential = credential_of(certificate)
    try:
        verify(credential, issuer_key)
    except ProofError as error:
        return CredentialCheck(False, not certificate.is_valid, str(error))
    return CredentialCheck(True, not certificate.is_valid)
