"""The issuer's identity and Ed25519 keys: `did:web` on SITE_URL's host,
the signing key from CREDENTIAL_SIGNING_KEY (a base64url seed; derived from
SECRET_KEY when unset, for development), and the retired keys that stay
published so credentials they signed still verify."""

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, urlsplit

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# Multicodec prefix of an Ed25519 public key (0xed, varint-encoded).
ED25519_PUB = b"\xed\x01"


def issuer_did():
    """`did:web:<host>` (a port is written `%3A<port>`, as did:web says)."""
    netloc = urlsplit(settings.SITE_URL).netloc
    return "did:web:" + quote(netloc, safe="")


def multibase_public(public_key):
    raw = public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return "z" + base58.b58encode(ED25519_PUB + raw).decode()


def public_from_multibase(value):
    """The Ed25519 key of a `publicKeyMultibase`, or ValueError."""
    if not value.startswith("z"):
        raise ValueError("not base58btc")
    raw = base58.b58decode(value[1:])
    if len(raw) != 34 or not raw.startswith(ED25519_PUB):
        raise ValueError("not an Ed25519 multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def key_id(public_multibase):
    """The verification method's id: the DID and a fragment naming the key
    (its multibase value, so a rotated key gets a new id)."""
    return f"{issuer_did()}#{public_multibase}"


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    public_multibase: str

    @property
    def id(self):
        return key_id(self.public_multibase)


@cache
def _signing_key(seed_setting, secret_key):
    if seed_setting:
        seed = base64.urlsafe_b64decode(seed_setting + "=" * (-len(seed_setting) % 4))
    else:
        seed = HKDF(
            algorithm=SHA256(), length=32, salt=None, info=b"coursewright credentials"
        ).derive(secret_key.encode())
    if len(seed) != 32:
        raise ValueError("CREDENTIAL_SIGNING_KEY must be a 32-byte base64url seed")
    private = Ed25519PrivateKey.from_private_bytes(seed)
    return SigningKey(private, multibase_public(private.public_key()))


def signing_key():
    return _signing_key(settings.CREDENTIAL_SIGNING_KEY, settings.SECRET_KEY)


def published_keys():
    """Every key a verifier may find here: the signing key first."""
    current = signing_key().public_multibase
    retired = [key for key in settings.CREDENTIAL_RETIRED_KEYS if key != current]
    return [current, *retired]


def new_seed():
    """A fresh signing key, as CREDENTIAL_SIGNING_KEY wants it."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def did_document():
    """`/.well-known/did.json`: the issuer and its Multikey keys."""
    did = issuer_did()
    methods = [
        {
            "id": key_id(value),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": value,
        }
        for value in published_keys()
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids[:1],
    }


def fingerprint(value):
    return hashlib.sha256(value.encode()).hexdigest()[:12]
