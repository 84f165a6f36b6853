"""The cmi5 rules a statement from an assignable unit must keep to before
it is stored: the session's learner and registration, `initialized` first
and `terminated` last, cmi5-defined verbs once per session, one completed
and one passed per registration, no failed after passed, no results in
Browse or Review mode, and the mastery score."""

from django.utils.translation import gettext as _

from ..models import Cmi5Session
from .activity import ActivityError

CMI5 = "https://w3id.org/xapi/cmi5/"
CATEGORY = CMI5 + "context/categories/cmi5"
SESSION_ID = CMI5 + "context/extensions/sessionid"
ADL = "http://adlnet.gov/expapi/verbs/"
ADL_W3ID = "https://w3id.org/xapi/adl/verbs/"
VERBS = {
    "launched": ADL + "launched",
    "initialized": ADL + "initialized",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "terminated": ADL + "terminated",
    "abandoned": ADL_W3ID + "abandoned",
    "satisfied": ADL_W3ID + "satisfied",
}
VOIDED = ADL + "voided"
# The verbs a unit sends as cmi5-defined statements; the others are the LMS's.
AU_VERBS = {
    VERBS[name]: name
    for name in ("initialized", "completed", "passed", "failed", "terminated")
}


class Cmi5Error(ActivityError):
    """A request of an AU the record store refuses, with a status code."""


class Unauthorized(Cmi5Error):
    status_code = 401


class Forbidden(Cmi5Error):
    """A statement the cmi5 rules do not allow."""

    status_code = 403


class NotFound(Cmi5Error):
    status_code = 404


class Conflict(Cmi5Error):
    status_code = 409


def check_statement(session, registration, unit, statement, *, actor, unit_activity):
    """The cmi5 verb of a cmi5-defined statement ("initialized"...), or None
    for a cmi5-allowed one; Forbidden or Cmi5Error when it breaks a rule."""
    if not isinstance(statement, dict):
        raise Cmi5Error(_("A statement must be an object."))
    verb_id = (statement.get("verb") or {}).get("id")
    if not isinstance(verb_id, str) or not verb_id:
        raise Cmi5Error(_("A statement needs a verb with an id."))
    if not session.open:
        raise Forbidden(_("This session has ended; launch the unit again."))
    if not _same_agent(statement.get("actor"), actor):
        raise Forbidden(_("The actor is not the learner of this launch."))
    context = statement.get("context") or {}
    if not isinstance(context, dict) or str(context.get("registration")) != str(
        session.registration_uuid
    ):
        raise Forbidden(_("The registration is not the one of this launch."))
    if verb_id == VOIDED:
        raise Forbidden(_("A unit may not void statements."))
    categories = (context.get("contextActivities") or {}).get("category") or []
    defined = any(isinstance(c, dict) and c.get("id") == CATEGORY for c in categories)
    verb = AU_VERBS.get(verb_id) if defined else None
    if defined and verb is None:
        raise Forbidden(_("This verb is not one a unit may send as cmi5."))
    if session.initialized_at is None and verb != "initialized":
        raise Forbidden(_("The first statement of a session must be initialized."))
    if verb is None:
        return None
    if (statement.get("object") or {}).get("id") != unit_activity:
        raise Forbidden(_("The object is not the unit of this launch."))
    if str((context.get("extensions") or {}).get(SESSION_ID)) != str(session.pk):
        raise Forbidden(_("The session id is not the one of this launch."))
    sent = set(session.statements.values_list("verb", flat=True))
    if VERBS[verb] in sent:
        raise Forbidden(_("This session already sent “%(verb)s”.") % {"verb": verb})
    if verb in {"completed", "passed", "failed"}:
        _check_result(session, registration, unit, statement, verb, sent)
    return verb


def _check_result(session, registration, unit, statement, verb, sent):
    if session.launch_mode != Cmi5Session.Mode.NORMAL or registration is None:
        raise Forbidden(_("Results are not recorded in this launch mode."))
    done = registration.results.get(unit.id, {})
    result = statement.get("result") or {}
    if verb == "completed":
        if done.get("completed"):
            raise Forbidden(_("This unit was already completed."))
        if result.get("completion") is not True:
            raise Forbidden(_("A completed statement says completion: true."))
        return
    if {VERBS["passed"], VERBS["failed"]} & sent:
        raise Forbidden(_("A session sends passed or failed once."))
    if done.get("passed"):
        raise Forbidden(_("This unit was already passed."))
    if result.get("success") is not (verb == "passed"):
        raise Forbidden(_("The statement's success does not match its verb."))
    scaled = (result.get("score") or {}).get("scaled")
    if scaled is None or unit.mastery_score is None:
        return
    if not isinstance(scaled, int | float) or not -1 <= scaled <= 1:
        raise Cmi5Error(_("A scaled score is a number from -1 to 1."))
    if (verb == "passed") != (scaled >= unit.mastery_score):
        raise Forbidden(_("The score does not match the unit's mastery score."))


def _same_agent(given, expected):
    if not isinstance(given, dict) or given.get("objectType", "Agent") != "Agent":
        return False
    account = given.get("account") or {}
    return isinstance(account, dict) and (
        account.get("homePage"),
        account.get("name"),
    ) == (expected["account"]["homePage"], expected["account"]["name"])
