"""The state documents an assignable unit keeps through the record store's
State API, scoped to the session's learner; LMS.LaunchData is the
platform's own and is read-only."""

import json

from django.utils.translation import gettext as _

from ..models import Cmi5State
from .cmi5 import launch_data
from .cmi5_rules import Cmi5Error, Forbidden

LAUNCH_DATA = "LMS.LaunchData"
MAX_DOCUMENT_BYTES = 64 * 1024


def _key(session, where):
    activity_id, registration, state_id = where
    if not activity_id or len(activity_id) > 500:
        raise Cmi5Error(_("Say which activity the state is for."))
    if registration and registration != str(session.registration_uuid):
        raise Forbidden(_("The registration is not the one of this launch."))
    if state_id is not None and (not state_id or len(state_id) > 200):
        raise Cmi5Error(_("Give a stateId of at most 200 characters."))
    return {
        "user": session.user,
        "activity_id": activity_id,
        "registration": registration or "",
    }


def read(session, where, base_url):
    """(content bytes, content type) of the document `where` (activity id,
    registration, state id) names, None when there is none; the list of
    stateIds as JSON when its state id is None."""
    key, state_id = _key(session, where), where[2]
    if state_id == LAUNCH_DATA:
        return json.dumps(launch_data(session, base_url)).encode(), "application/json"
    documents = Cmi5State.objects.filter(**key)
    if state_id is None:
        ids = list(documents.values_list("state_id", flat=True))
        return json.dumps(ids).encode(), "application/json"
    document = documents.filter(state_id=state_id).first()
    return (bytes(document.content), document.content_type) if document else None


def write(session, where, content, content_type, *, merge):
    """Keep a document (PUT), or merge a JSON object into one (POST)."""
    key, state_id = _key(session, where), where[2]
    if state_id is None:
        raise Cmi5Error(_("Give the stateId to write."))
    if state_id == LAUNCH_DATA:
        raise Forbidden(_("LMS.LaunchData is the platform's to write."))
    if len(content) > MAX_DOCUMENT_BYTES:
        raise Cmi5Error(_("A state document may hold at most 64 KB."))
    document, _created = Cmi5State.objects.get_or_create(
        **key,
        state_id=state_id,
        defaults={"content": content, "content_type": content_type},
    )
    if merge and not _created:
        content = _merged(bytes(document.content), content)
        if len(content) > MAX_DOCUMENT_BYTES:
            raise Cmi5Error(_("A state document may hold at most 64 KB."))
    document.content = content
    document.content_type = content_type[:100]
    document.save()


def delete(session, where):
    key, state_id = _key(session, where), where[2]
    if state_id == LAUNCH_DATA:
        raise Forbidden(_("LMS.LaunchData is the platform's to write."))
    documents = Cmi5State.objects.filter(**key)
    if state_id is not None:
        documents = documents.filter(state_id=state_id)
    documents.delete()


def _merged(old, new):
    """xAPI's POST to a document: both JSON objects, merged at the top."""
    try:
        before, after = json.loads(old), json.loads(new)
    except (ValueError, UnicodeDecodeError):
        raise Cmi5Error(_("Only JSON objects can be merged.")) from None
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise Cmi5Error(_("Only JSON objects can be merged."))
    return json.dumps({**before, **after}).encode()
