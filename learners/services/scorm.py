"""A learner's SCORM data: what a SCO is given when it launches (its saved
CMI data and the values only the platform may set), and each commit, kept
only for the elements that may be restored, within the same caps as H5P
state. Completion and success are read from the CMI data by the package's
rollup and the block's rule; the browser never says "the lesson is done"."""

import json
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lessons.scorm.status import status_from_cmi

from ..models import LearningEvent, ScormRecord
from ..pseudonyms import learner_id, learner_name
from .activity import H5P_STATE_LIMIT_BYTES, ActivityError, NoSuchBlock, record_event
from .progress import _enrollment_with_access
from .requirements import complete_when_requirements_met

MAX_ELEMENTS = 2_000
MAX_VALUE_CHARS = {"cmi.suspend_data": 64_000, "cmi.core.lesson_location": 255}
DEFAULT_VALUE_CHARS = 4_000
MAX_SESSION_SECONDS = 24 * 3600

# The elements a SCO writes that are restored on its next launch; anything
# else a commit carries (the learner's id, credit, entry, total time, mastery
# score) is the platform's to set and is ignored.
RESTORED = {
    "1.2": re.compile(
        r"^cmi\.(core\.(lesson_location|lesson_status|exit|score\.(raw|min|max))"
        r"|suspend_data|comments"
        r"|objectives\.\d{1,3}\.(id|status|score\.(raw|min|max))"
        r"|student_preference\.(audio|language|speed|text)"
        r"|interactions\.\d{1,3}\.(id|time|type|weighting|student_response|result"
        r"|latency|objectives\.\d{1,2}\.id|correct_responses\.\d{1,2}\.pattern))$"
    ),
    "2004": re.compile(
        r"^cmi\.(location|suspend_data|completion_status|success_status|exit"
        r"|progress_measure|score\.(scaled|raw|min|max)"
        r"|objectives\.\d{1,3}\.(id|success_status|completion_status|progress_measure"
        r"|description|score\.(scaled|raw|min|max))"
        r"|learner_preference\.(audio_level|language|delivery_speed|audio_captioning)"
        r"|comments_from_learner\.\d{1,3}\.(comment|location|timestamp)"
        r"|interactions\.\d{1,3}\.(id|type|timestamp|weighting|learner_response"
        r"|result|latency|description|objectives\.\d{1,2}\.id"
        r"|correct_responses\.\d{1,2}\.pattern))$"
    ),
}


class ScormError(ActivityError):
    """A commit that cannot be right: malformed or too large."""


def block_package(lesson, block_id):
    value = lesson.scorm_blocks.get(block_id)
    if value is None:
        raise NoSuchBlock(_("This lesson has no such SCORM package."))
    return value["package"]


# The platform-set elements under each version's own names.
NAMES = {
    "1.2": {
        "learner_id": "cmi.core.student_id",
        "learner_name": "cmi.core.student_name",
        "credit": "cmi.core.credit",
        "mode": "cmi.core.lesson_mode",
        "entry": "cmi.core.entry",
        "exit": "cmi.core.exit",
        "total_time": "cmi.core.total_time",
    },
    "2004": {
        "learner_id": "cmi.learner_id",
        "learner_name": "cmi.learner_name",
        "credit": "cmi.credit",
        "mode": "cmi.mode",
        "entry": "cmi.entry",
        "exit": "cmi.exit",
        "total_time": "cmi.total_time",
    },
}


def launch(user, lesson, block_id, sco, *, start=True):
    """The flattened CMI values a SCO starts with: what it saved, and what
    only the platform sets. Opening the SCO's launch file (`start`) starts
    the session clock; its other pages only read."""
    enrollment = _enrollment_with_access(user, lesson)
    package, activity = _package_activity(lesson, block_id, sco)
    if start:
        record = _start_session(enrollment, lesson, block_id, activity)
    else:
        record = ScormRecord.objects.filter(
            enrollment=enrollment, lesson=lesson, block_id=block_id, sco=sco
        ).first() or ScormRecord(cmi={})
    if record.last_exit == "suspend":
        entry = "resume"
    else:
        entry = "" if record.attempted else "ab-initio"
    values = {
        **record.cmi,
        **_platform_values(package.version, user, "credit", "normal", entry),
        "cmi.launch_data": activity.launch_data,
    }
    names = NAMES[package.version]
    if package.version == "1.2":
        values[names["total_time"]] = _hhmmss(record.total_seconds)
        if activity.mastery_score is not None:
            values["cmi.student_data.mastery_score"] = _number(activity.mastery_score)
    else:
        values[names["total_time"]] = f"PT{record.total_seconds}S"
        if activity.passing_score is not None:
            values["cmi.scaled_passing_score"] = _number(activity.passing_score)
        if activity.completion_threshold is not None:
            values["cmi.completion_threshold"] = _number(activity.completion_threshold)
    return {key: value for key, value in values.items() if value != ""}


def _start_session(enrollment, lesson, block_id, activity):
    with transaction.atomic():
        record, _created = ScormRecord.objects.select_for_update().get_or_create(
            enrollment=enrollment,
            lesson=lesson,
            block_id=block_id,
            sco=activity.identifier,
        )
        record.session_started_at = timezone.now()
        if activity.kind == "asset" and not record.attempted:
            # An asset cannot talk to the runtime: opening it is finishing it.
            record.attempted = record.completed = True
        record.save()
    return record


def preview(user, lesson, block_id, sco):
    """What a SCO starts with for someone who may open the lesson but is not
    enrolled in it (its instructor, staff): browse mode, nothing saved."""
    package, activity = _package_activity(lesson, block_id, sco)
    return {
        **_platform_values(package.version, user, "no-credit", "browse", "ab-initio"),
        "cmi.launch_data": activity.launch_data,
    }


def _platform_values(version, user, credit, mode, entry):
    names = NAMES[version]
    return {
        names["learner_id"]: learner_id(user),
        names["learner_name"]: learner_name(user),
        names["credit"]: credit,
        names["mode"]: mode,
        names["entry"]: entry,
    }


def _package_activity(lesson, block_id, sco):
    package = block_package(lesson, block_id)
    activity = package.activity(sco)
    if activity is None:
        raise NoSuchBlock(_("This package has no such activity."))
    return package, activity


def commit(user, lesson, block_id, sco, cmi, *, final=False):
    """Keep a SCO's committed CMI data and what it says; complete the lesson
    when the block's rule is met. A final commit (Terminate, LMSFinish, the
    page closing) adds the session's time, capped by the real time since the
    launch, once."""
    enrollment = _enrollment_with_access(user, lesson)
    package, activity = _package_activity(lesson, block_id, sco)
    values = restorable(package.version, cmi)
    status = status_from_cmi(package.version, values, activity)
    now = timezone.now()
    with transaction.atomic():
        record, _created = ScormRecord.objects.select_for_update().get_or_create(
            enrollment=enrollment, lesson=lesson, block_id=block_id, sco=sco
        )
        before = (record.completed, record.success, record.score_percent)
        record.cmi = values
        record.completed = status.completed
        record.success = status.success
        record.attempted = record.attempted or status.attempted
        record.score_percent = status.score_percent
        exit_value = values.get(NAMES[package.version]["exit"], "")
        record.last_exit = str(exit_value)[:20]
        if final and record.session_started_at:
            elapsed = (now - record.session_started_at).total_seconds()
            reported = _session_seconds(package.version, cmi)
            record.total_seconds += int(max(0, min(reported, elapsed)))
            record.session_started_at = None
        record.save()
        if before != (record.completed, record.success, record.score_percent):
            record_event(
                user,
                lesson,
                LearningEvent.Kind.SCORM_RESULT,
                block_id=block_id,
                payload={
                    "sco": sco[:200],
                    "completed": record.completed,
                    "success": record.success,
                },
                score_percent=record.score_percent,
            )
    complete_when_requirements_met(user, lesson, enrollment=enrollment)
    return record


def restorable(version, cmi):
    """The flattened elements of a commit that are kept, or ScormError."""
    if not isinstance(cmi, dict):
        raise ScormError(_("The SCORM data must be an object."))
    flat = {}
    _flatten(cmi, "", flat)
    pattern = RESTORED[version]
    kept = {}
    for key, value in flat.items():
        if not pattern.match(key) or value in ("", None):
            continue
        text = _number(value) if isinstance(value, int | float) else str(value)
        limit = MAX_VALUE_CHARS.get(key, DEFAULT_VALUE_CHARS)
        if len(text) > limit:
            raise ScormError(
                _("%(element)s is longer than %(limit)s characters.")
                % {"element": key, "limit": limit}
            )
        kept[key] = text
    if len(json.dumps(kept)) > H5P_STATE_LIMIT_BYTES:
        raise ScormError(_("The saved state is too large."))
    return kept


def _flatten(value, prefix, out):
    if len(out) > MAX_ELEMENTS:
        raise ScormError(_("The SCORM data has too many elements."))
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}.{index}", out)
    elif isinstance(value, str | int | float | bool) or value is None:
        out[prefix] = value


def _session_seconds(version, cmi):
    session = cmi.get("cmi", cmi) if isinstance(cmi, dict) else {}
    if version == "1.2":
        text = str((session.get("core") or {}).get("session_time", ""))
        match = re.fullmatch(r"(\d{1,4}):(\d{2}):(\d{2})(\.\d{1,2})?", text)
        seconds = (
            int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3]) if match else 0
        )
    else:
        text = str(session.get("session_time", ""))
        match = re.fullmatch(
            r"P(?:(\d{1,3})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})(?:\.\d+)?S)?)?",
            text,
        )
        seconds = (
            sum(
                int(part or 0) * unit
                for part, unit in zip(match.groups(), (86400, 3600, 60, 1), strict=True)
            )
            if match
            else 0
        )
    return min(seconds, MAX_SESSION_SECONDS)


def _hhmmss(seconds):
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _number(value):
    return f"{value:g}" if isinstance(value, float) else str(value)
