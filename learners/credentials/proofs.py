"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC
Data Integrity EdDSA Cryptosuites v1.0): the document and the proof's
options are canonicalised (RDFC-1.0, pyld), hashed with SHA-256, and the
two hashes signed with Ed25519."""

import copy
import hashlib

import base58
from cryptography.exceptions import InvalidSignature
from pyld import jsonld
from pyld.jsonld import JsonLdError

from .contexts import document_loader
from .keys import public_from_multibase, signing_key

CRYPTOSUITE = "eddsa-rdfc-2022"


def _canonical_hash(document):
    nquads = jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",  # RDFC-1.0
            "format": "application/n-quads",
            "documentLoader": document_loader,
        },
    )
    return hashlib.sha256(nquads.encode()).digest()


def _hash_data(document, proof_options):
    options = {**proof_options, "@context": document["@context"]}
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    return _canonical_hash(options) + _canonical_hash(unsigned)


def sign(document, created):
    """`document` with an `assertionMethod` proof by the signing key."""
    key = signing_key()
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": key.id,
        "proofPurpose": "assertionMethod",
    }
    signature = key.private.sign(_hash_data(document, options))
    proof = {**options, "proofValue": "z" + base58.b58encode(signature).decode()}
    return {**copy.deepcopy(document), "proof": proof}


class ProofError(Exception):
    """Why a proof does not check out (for the verify page)."""


def verify(document, public_key_for):
    """Check `document`'s proof; `public_key_for(verification_method)` gives
    the key's multibase, or None for a key the issuer never published."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("no proof")
    if (
        proof.get("type") != "DataIntegrityProof"
        or proof.get("cryptosuite") != CRYPTOSUITE
    ):
        raise ProofError("unsupported proof")
    multibase = public_key_for(proof.get("verificationMethod", ""))
    if multibase is None:
        raise ProofError("unknown key")
    value = proof.get("proofValue", "")
    try:
        signature = base58.b58decode(value[1:]) if value.startswith("z") else b""
        options = {key: item for key, item in proof.items() if key != "proofValue"}
        public_from_multibase(multibase).verify(
            signature, _hash_data(document, options)
        )
    except (InvalidSignature, ValueError, JsonLdError) as error:
        raise ProofError("signature does not match") from error
    return True
