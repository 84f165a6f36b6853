"""A certificate is also an Open Badges 3.0 verifiable credential: an
independent verifier (the Digital Credentials Consortium's libraries, run in
Node) accepts it, and refuses a tampered copy; revoking the certificate
puts it on the status list the verifier reads; the badge PNG carries it."""

import copy
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from learners.credentials.baking import baked_credential
from learners.credentials.keys import signing_key
from learners.credentials.status import LIST_SIZE
from learners.models import Certificate
from learners.services.certificates import issue_certificate
from learners.services.credentials import check_credential
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db
VERIFIER = Path(__file__).with_name("vc_verifier.mjs")
NODE = shutil.which("node") or "node"


def verify_independently(client, credential):
    status_url = credential["credentialStatus"]["statusListCredential"]
    status_path = status_url.split("://", 1)[1].split("/", 1)[1]
    payload = {
        "credential": credential,
        "did_document": client.get("/.well-known/did.json").json(),
        "status_lists": {status_url: client.get("/" + status_path).json()},
    }
    done = subprocess.run(  # noqa: S603 - the machine's Node on our own script
        [NODE, str(VERIFIER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture
def certificate(catalogue):
    course = build_course(catalogue, sections=1, lessons_per_section=1, title="Cells")
    user = learner(email="sam@example.com", first_name="Sam", last_name="Okafor")
    enrollment = enrolled(user, course)
    enrollment.completed_at = timezone.now()
    enrollment.status = enrollment.Status.COMPLETED
    enrollment.save()
    return issue_certificate(enrollment.pk)


def test_an_independent_verifier_accepts_the_credential(client, certificate):
    response = client.get(
        f"/certificates/{certificate.verification_code}/credential.json"
    )

    assert response.status_code == 200
    credential = json.loads(response.content)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"].startswith("did:web:")
    subject = credential["credentialSubject"]
    assert subject["achievement"]["name"] == "Cells"
    assert "sam@example.com" not in response.content.decode()
    assert subject["identifier"][0]["hashed"] is True
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"

    result = verify_independently(client, credential)

    assert result["verified"] is True, result
    checks = {entry["id"]: entry["valid"] for entry in result["log"]}
    assert checks["valid_signature"] and checks["revocation_status"], checks
    assert result["statuses"] == [{"purpose": "revocation", "verified": True}]


def test_the_verifier_refuses_a_tampered_credential(client, certificate):
    credential = client.get(
        f"/certificates/{certificate.verification_code}/credential.json"
    ).json()
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Brain surgery"

    result = verify_independently(client, tampered)

    assert result["verified"] is False


def test_a_revoked_certificate_fails_verification(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=timezone.now(), revoked_reason="Issued by mistake"
    )
    credential = client.get(
        f"/certificates/{certificate.verification_code}/credential.json"
    ).json()

    result = verify_independently(client, credential)

    assert result["verified"] is False
    checks = {entry["id"]: entry["valid"] for entry in result["log"]}
    # The signature still checks out; the signed status list says revoked.
    assert checks == {
        "valid_signature": True,
        "issuer_did_resolves": True,
        "revocation_status": False,
        "expiration": True,
    }
    page = client.get(f"/certificates/verify/{certificate.verification_code}/")
    assert b"revoked" in page.content


def test_the_verify_page_checks_the_signature_itself(client, certificate):
    page = client.get(f"/certificates/verify/{certificate.verification_code}/")

    assert b"Signature checked" in page.content
    assert check_credential(certificate).valid


def test_the_badge_png_carries_the_signed_credential(client, certificate):
    response = client.get(f"/certificates/{certificate.verification_code}/badge.png")

    assert response["Content-Type"] == "image/png"
    baked = baked_credential(response.content)
    assert baked == Certificate.objects.get(pk=certificate.pk).credential


def test_the_credential_is_signed_once_and_kept(client, certificate):
    first = Certificate.objects.get(pk=certificate.pk).credential
    again = client.get(
        f"/certificates/{certificate.verification_code}/credential.json"
    ).json()

    assert again == first


def test_status_lists_past_the_last_certificate_do_not_exist(client, certificate):
    assert client.get("/certificates/status/0.json").status_code == 200
    number = certificate.pk // LIST_SIZE + 1
    assert client.get(f"/certificates/status/{number}.json").status_code == 404


def test_a_rotated_key_keeps_older_credentials_verifiable(
    client, certificate, settings
):
    old = client.get(
        f"/certificates/{certificate.verification_code}/credential.json"
    ).json()
    retired = signing_key().public_multibase
    out = io.StringIO()
    call_command("credential_key", stdout=out)
    settings.CREDENTIAL_SIGNING_KEY = out.getvalue().strip()
    settings.CREDENTIAL_RETIRED_KEYS = [retired]

    keys = client.get("/.well-known/did.json").json()["verificationMethod"]
    assert [k["publicKeyMultibase"] for k in keys][1:] == [retired]
    assert verify_independently(client, old)["verified"] is True

    settings.CREDENTIAL_RETIRED_KEYS = []
    assert verify_independently(client, old)["verified"] is False
