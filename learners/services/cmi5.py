"""A learner's cmi5 courses. The platform launches an assignable unit (AU)
with the cmi5 launch parameters, hands it a one-time credential through the
fetch URL, and is the record store it talks to for that session: it checks
every statement against the cmi5 rules (order in the session, one completed
and one passed per registration, the mastery score), keeps them, and
decides from them when each unit's moveOn criterion is met and the block is
done. The browser never says "the lesson is done"."""

import base64
import binascii
import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.cmi5.structure import NOT_APPLICABLE

from .. import xapi
from ..access import lesson_access
from ..models import Cmi5Registration, Cmi5Session, Cmi5Statement
from ..pseudonyms import learner_id
from .activity import NoSuchBlock
from .cmi5_rules import (
    CATEGORY,
    CMI5,
    SESSION_ID,
    VERBS,
    Cmi5Error,
    Conflict,
    Forbidden,
    Unauthorized,
    check_statement,
)
from .progress import _enrollment_with_access
from .requirements import complete_when_requirements_met

# A session's credential lasts as long as a long sitting.
SESSION_HOURS = 12
MAX_STATEMENTS = 50

# Launching --------------------------------------------------------------------


def block_package(lesson, block_id):
    value = lesson.cmi5_blocks.get(block_id)
    if value is None:
        raise NoSuchBlock(_("This lesson has no such cmi5 course."))
    return value["package"]


def unit_of(lesson, block_id, au_id):
    package = block_package(lesson, block_id)
    unit = package.unit(au_id)
    if unit is None:
        raise NoSuchBlock(_("This course has no such unit."))
    return package, unit


def launch(user, lesson, block_id, au_id, *, browse=False):
    """A new session of one AU: (session, fetch key). For a learner, their
    registration is used (made on the first launch), a session left open is
    recorded as abandoned, and the mode is Normal, or Review once the unit
    is done; in Browse mode (staff trying it) nothing is kept for anyone's
    progress."""
    package, unit = unit_of(lesson, block_id, au_id)
    key = secrets.token_urlsafe(32)
    session = Cmi5Session(
        user=user,
        lesson=lesson,
        block_id=block_id,
        au_id=unit.id,
        fetch_key_hash=_digest(key),
    )
    if browse:
        session.launch_mode = Cmi5Session.Mode.BROWSE
        session.registration_uuid = uuid.uuid4()
        with transaction.atomic():
            session.save()
            launched = unit_object(session, unit)
            _lms_statement(session, "launched", launched, _launch_facts(unit))
        return session, key
    enrollment = _enrollment_with_access(user, lesson)
    with transaction.atomic():
        registration, _created = Cmi5Registration.objects.get_or_create(
            enrollment=enrollment, lesson=lesson, block_id=block_id
        )
        registration = Cmi5Registration.objects.select_for_update().get(
            pk=registration.pk
        )
        for stale in registration.sessions.filter(
            au_id=unit.id, terminated_at__isnull=True, abandoned=False
        ):
            stale.abandoned = True
            stale.save(update_fields=["abandoned"])
            _lms_statement(stale, "abandoned", unit_object(stale, unit))
        session.registration = registration
        session.registration_uuid = registration.pk
        session.launch_mode = _mode(registration, unit)
        session.save()
        launched = unit_object(session, unit)
        _lms_statement(session, "launched", launched, _launch_facts(unit))
        # Units with moveOn NotApplicable are satisfied from the first launch.
        newly_satisfied = _update_results(registration, session, package)
    if newly_satisfied:
        complete_when_requirements_met(user, lesson, enrollment=enrollment)
    return session, key


def _mode(registration, unit):
    """Review once the unit's moveOn is met: a look back, with nothing to
    record (a second "completed" would break the cmi5 rules)."""
    done = registration.results.get(unit.id, {}).get("satisfied")
    if done and unit.move_on != NOT_APPLICABLE:
        return Cmi5Session.Mode.REVIEW
    return Cmi5Session.Mode.NORMAL


def launch_parameters(session, key, base_url):
    """The query string values the AU is launched with."""
    _package, unit = unit_of(session.lesson, session.block_id, session.au_id)
    return {
        "endpoint": f"{base_url}/xapi/cmi5/",
        "fetch": f"{base_url}/xapi/cmi5/fetch/{session.pk}/{key}/",
        "actor": actor(session.user),
        "registration": str(session.registration_uuid),
        "activityId": activity_of(session, unit),
    }


def actor(user):
    """The learner as cmi5 wants: an account, named by a pseudonym."""
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": learner_id(user)},
    }


def activity_of(session, unit):
    """The platform's own activity id of an AU (never the publisher's id),
    the same for every registration."""
    digest = hashlib.sha256(unit.id.encode()).hexdigest()[:20]
    return xapi.activity_id("cmi5", session.lesson_id, session.block_id, digest)


def course_activity(session):
    return xapi.activity_id("cmi5", session.lesson_id, session.block_id)


def unit_object(session, unit):
    return {
        "objectType": "Activity",
        "id": activity_of(session, unit),
        "definition": {
            "name": {"und": unit.title},
            "type": CMI5 + "activitytype/au",
        },
    }


def launch_data(session, base_url):
    """The LMS.LaunchData state document of a session."""
    package, unit = unit_of(session.lesson, session.block_id, session.au_id)
    data = {
        "contextTemplate": {
            "contextActivities": {
                "grouping": [{"objectType": "Activity", "id": unit.id}]
            },
            "extensions": {SESSION_ID: str(session.pk)},
        },
        "launchMode": session.launch_mode,
        "launchMethod": unit.launch_method,
        "moveOn": unit.move_on,
        "returnURL": f"{base_url}{session.lesson.url}cmi5/{session.block_id}/done/",
    }
    if unit.mastery_score is not None:
        data["masteryScore"] = unit.mastery_score
    if unit.launch_parameters:
        data["launchParameters"] = unit.launch_parameters
    if unit.entitlement_key:
        data["entitlementKey"] = {"courseStructure": unit.entitlement_key}
    return data


def _launch_facts(unit):
    facts = {CMI5 + "context/extensions/moveon": unit.move_on}
    if unit.mastery_score is not None:
        facts[CMI5 + "context/extensions/masteryscore"] = unit.mastery_score
    if unit.launch_parameters:
        facts[CMI5 + "context/extensions/launchparameters"] = unit.launch_parameters
    return facts


# The credential ---------------------------------------------------------------


def fetch_token(session_id, key):
    """The auth-token for a session's one-time fetch key: {"auth-token"}, or
    {"error-code", "error-text"} as the cmi5 fetch URL answers."""
    session = Cmi5Session.objects.filter(pk=session_id).first()
    if session is None or not hmac.compare_digest(session.fetch_key_hash, _digest(key)):
        return {"error-code": "2", "error-text": _("This launch is not known.")}
    secret = secrets.token_urlsafe(32)
    fresh = timezone.now() - timedelta(hours=SESSION_HOURS)
    claimed = Cmi5Session.objects.filter(
        pk=session.pk, fetched_at__isnull=True, created_at__gte=fresh
    ).update(fetched_at=timezone.now(), token_hash=_digest(secret))
    if not claimed:
        return {
            "error-code": "1",
            "error-text": _("The token of this launch was already given out."),
        }
    pair = f"{session.pk}:{secret}".encode()
    return {"auth-token": base64.b64encode(pair).decode()}


def authenticate(header):
    """The session whose credential is in an Authorization header; it works
    for its own session only, while the learner may still open the lesson."""
    scheme, _space, value = (header or "").partition(" ")
    try:
        pair = base64.b64decode(value.strip(), validate=True).decode()
        session_id, secret = pair.split(":", 1)
        session_id = uuid.UUID(session_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Unauthorized(_("Send the token this launch fetched.")) from None
    session = (
        Cmi5Session.objects.select_related("user", "lesson")
        .filter(pk=session_id)
        .first()
    )
    if (
        scheme.lower() != "basic"
        or session is None
        or not session.token_hash
        or not hmac.compare_digest(session.token_hash, _digest(secret))
        or session.created_at < timezone.now() - timedelta(hours=SESSION_HOURS)
        or not session.user.is_active
    ):
        raise Unauthorized(_("Send the token this launch fetched."))
    # The access policy is asked again: an enrolment that ended, a lesson
    # unpublished, end the unit's conversation too.
    access = lesson_access(session.user, session.lesson)
    enrolled = access.enrollment is not None and access.enrollment.gives_access
    if not access.allowed or (session.registration_id and not enrolled):
        raise Forbidden(_("You may no longer open this lesson."))
    return session


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()


# Statements -------------------------------------------------------------------


def record_statements(session, statements, *, statement_id=None):
    """Check and keep what the AU sent (one statement or a list); all or
    none are kept. The ids, in order."""
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise Cmi5Error(_("Send a statement or a list of statements."))
    if len(statements) > MAX_STATEMENTS:
        raise Cmi5Error(
            _("Send at most %(count)s statements at once.") % {"count": MAX_STATEMENTS}
        )
    package, unit = unit_of(session.lesson, session.block_id, session.au_id)
    kept, results_changed, newly_satisfied = [], False, False
    with transaction.atomic():
        session = Cmi5Session.objects.select_for_update().get(pk=session.pk)
        registration = (
            Cmi5Registration.objects.select_for_update()
            .filter(pk=session.registration_id)
            .first()
        )
        for statement in statements:
            if not isinstance(statement, dict):
                raise Cmi5Error(_("A statement must be an object."))
            statement = dict(statement)
            if statement_id and len(statements) == 1:
                statement.setdefault("id", statement_id)
                if statement["id"] != statement_id:
                    raise Cmi5Error(_("The statement's id differs from statementId."))
            identifier = _statement_id(statement)
            existing = Cmi5Statement.objects.filter(pk=identifier).first()
            if existing is not None:
                # The same statement again (a retry) is kept once.
                if existing.session_id != session.pk or existing.statement != statement:
                    raise Conflict(_("A different statement has this id."))
                kept.append(str(identifier))
                continue
            verb = check_statement(
                session,
                registration,
                unit,
                statement,
                actor=actor(session.user),
                unit_activity=activity_of(session, unit),
            )
            results_changed |= _apply(session, registration, unit, verb, statement)
            _keep(session, statement, identifier)
            kept.append(str(identifier))
        if results_changed:
            newly_satisfied = _update_results(registration, session, package)
    if newly_satisfied:
        complete_when_requirements_met(session.user, session.lesson)
    return kept


def _statement_id(statement):
    if "id" not in statement:
        statement["id"] = str(uuid.uuid4())
    try:
        return uuid.UUID(str(statement["id"]))
    except ValueError:
        raise Cmi5Error(_("A statement id must be a UUID.")) from None


def _apply(session, registration, unit, verb, statement):
    """What a checked cmi5-defined statement changes; True when it is a
    result of the unit."""
    if verb in {"initialized", "terminated"}:
        setattr(session, f"{verb}_at", timezone.now())
        session.save(update_fields=[f"{verb}_at"])
    if registration is None or verb not in {"completed", "passed", "failed"}:
        return False
    result = registration.results.setdefault(unit.id, {})
    result[verb] = True
    scaled = ((statement.get("result") or {}).get("score") or {}).get("scaled")
    if isinstance(scaled, int | float) and verb in {"passed", "failed"}:
        result["score"] = round(max(0, min(1, scaled)) * 100)
    return True


def _update_results(registration, session, package):
    """Each unit's moveOn, and the course's; a newly satisfied course gets
    the platform's satisfied statement. True when it was newly satisfied."""
    for unit in package.units:
        result = registration.results.setdefault(unit.id, {})
        result["satisfied"] = unit.satisfied_by(
            bool(result.get("completed")), bool(result.get("passed"))
        )
    was = registration.satisfied
    registration.satisfied = all(
        registration.results[unit.id]["satisfied"] for unit in package.units
    )
    registration.save(update_fields=["results", "satisfied", "updated_at"])
    if registration.satisfied and not was:
        course = {
            "objectType": "Activity",
            "id": course_activity(session),
            "definition": {
                "name": {"und": package.title},
                "type": CMI5 + "activitytype/course",
            },
        }
        _lms_statement(session, "satisfied", course)
        return True
    return False


def _lms_statement(session, verb, obj, extensions=None):
    """A statement the platform makes itself (launched, abandoned,
    satisfied), kept with the session's."""
    statement = {
        "id": str(uuid.uuid4()),
        "actor": actor(session.user),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "context": {
            "registration": str(session.registration_uuid),
            "contextActivities": {"category": [{"id": CATEGORY}]},
            "extensions": {
                SESSION_ID: str(session.pk),
                CMI5 + "context/extensions/launchmode": session.launch_mode,
                **(extensions or {}),
            },
        },
        "timestamp": timezone.now().isoformat(),
    }
    _keep(session, statement, uuid.UUID(statement["id"]))


def _keep(session, statement, identifier):
    try:
        with transaction.atomic():
            Cmi5Statement.objects.create(
                id=identifier,
                session=session,
                verb=str((statement.get("verb") or {}).get("id", ""))[:200],
                statement=statement,
            )
    except IntegrityError:
        raise Conflict(_("A different statement has this id.")) from None
    if session.registration_id:
        xapi.queue("cmi5", str(identifier))


# The lesson page --------------------------------------------------------------


def unit_results(user, lesson, block_id):
    """{AU id: its result} of the learner's registration in a block."""
    registration = Cmi5Registration.objects.filter(
        enrollment__user=user, lesson=lesson, block_id=block_id
    ).first()
    return registration.results if registration else {}
