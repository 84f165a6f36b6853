"""A certificate as an Open Badges 3.0 `OpenBadgeCredential`: the issuer
(`did:web`), the achievement (the course, its criteria and outcomes), the
learner as a pseudonymous id and a salted hash of their e-mail address, the
dates, the revocation entry, and the proof."""

import hashlib
import secrets

from django.conf import settings
from django.urls import reverse

from ..pseudonyms import learner_id
from .contexts import OB_V3, VC_V2
from .keys import issuer_did
from .proofs import sign
from .status import status_entry


def _iso(moment):
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential_url(certificate):
    return settings.SITE_URL + reverse(
        "certificates:credential", args=[certificate.verification_code]
    )


def issuer_profile():
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": settings.SITE_URL + "/",
    }


def _achievement(certificate, course):
    outcomes = [
        str(block.value) for block in (course.learning_outcomes if course else [])
    ]
    narrative = f"Completed every lesson of the course “{certificate.course_title}”"
    if certificate.hours:
        narrative += f" ({certificate.hours} hours of study)"
    narrative += "."
    if outcomes:
        narrative += "\n\nLearners who complete it can:\n" + "\n".join(
            f"- {outcome}" for outcome in outcomes
        )
    achievement = {
        "id": (course.full_url if course else settings.SITE_URL + "/") + "#achievement",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": certificate.course_title,
        "description": (course.summary if course else "") or certificate.course_title,
        "criteria": {"narrative": narrative},
        "creator": issuer_profile(),
    }
    if outcomes:
        achievement["tag"] = outcomes
    return achievement


def _subject(certificate, user, course):
    subject = {
        "id": f"urn:uuid:{_uuid(learner_id(user))}",
        "type": ["AchievementSubject"],
        "achievement": _achievement(certificate, course),
    }
    if user.email:
        salt = secrets.token_hex(8)
        digest = hashlib.sha256((user.email.lower() + salt).encode()).hexdigest()
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityHash": f"sha256${digest}",
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        ]
    return subject


def _uuid(hex32):
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:32]}"


def open_badge(certificate, now):
    """The signed credential of `certificate` (its enrolment, user and
    course loaded), issued `now`."""
    enrollment = certificate.enrollment
    course = enrollment.course
    credential = {
        "@context": [VC_V2, OB_V3],
        "id": credential_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(),
        "validFrom": _iso(certificate.issued_at),
        "name": f"{certificate.course_title}: certificate of completion",
        "credentialSubject": _subject(certificate, enrollment.user, course),
        "credentialStatus": status_entry(certificate),
    }
    return sign(credential, _iso(now))
