"""Revocation as a W3C Bitstring Status List: each certificate has a bit
(its id picks the list and the position), and a list is a signed
`BitstringStatusListCredential` whose bits are the revoked certificates."""

import base64
import gzip

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ..models import Certificate
from .contexts import VC_V2
from .keys import issuer_did, signing_key
from .proofs import sign

# 131,072 bits (16 KB) per list, the spec's minimum for herd privacy.
LIST_SIZE = 131_072


def list_number(certificate):
    return certificate.pk // LIST_SIZE


def list_url(number):
    return settings.SITE_URL + reverse("certificates:status_list", args=[number])


def status_entry(certificate):
    number = list_number(certificate)
    index = certificate.pk % LIST_SIZE
    return {
        "id": f"{list_url(number)}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url(number),
    }


def encoded_list(revoked_positions):
    """GZIP'd bits, most significant bit first, multibase base64url."""
    bits = bytearray(LIST_SIZE // 8)
    for position in revoked_positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def status_list_credential(number):
    """The signed list `number`, kept in the cache until a certificate in it
    is revoked (or restored) again."""
    first, last = number * LIST_SIZE, (number + 1) * LIST_SIZE
    revoked = Certificate.objects.filter(
        pk__gte=first, pk__lt=last, revoked_at__isnull=False
    )
    version = revoked.aggregate(latest=Max("revoked_at"))["latest"]
    signer = signing_key().public_multibase[-8:]
    stamp = int(version.timestamp() * 1000) if version else 0
    key = f"status-list:{number}:{revoked.count()}:{stamp}:{signer}"
    cached = cache.get(key)
    if cached:
        return cached
    now = timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z")
    credential = {
        "@context": [VC_V2],
        "id": list_url(number),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": now,
        "credentialSubject": {
            "id": list_url(number) + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(
                pk - first for pk in revoked.values_list("pk", flat=True)
            ),
        },
    }
    signed = sign(credential, now)
    cache.set(key, signed, 24 * 3600)
    return signed


def is_revoked_in(list_credential, index):
    encoded = list_credential["credentialSubject"]["encodedList"]
    body = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return bool(raw[index // 8] & (0x80 >> (index % 8)))
