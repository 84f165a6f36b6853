"""The one activity record: every kind of lesson content reports here, and
video reports are merged into watched segments so skipping ahead earns
nothing."""

import json
import math

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import H5PState, LearningEvent, LessonProgress, VideoWatch
from .errors import LearningError
from .learning_time import credit_time
from .progress import _enrollment_with_access, _record_progress
from .requirements import complete_when_requirements_met

PAYLOAD_LIMIT_BYTES = 8 * 1024
MAX_SEGMENTS_PER_REPORT = 50
MAX_VIDEO_SECONDS = 24 * 3600
# Segments closer than this are one: players report time in steps.
JOIN_GAP_SECONDS = 1.5
# Players offer up to double speed: a minute of video in half a minute.
MAX_PLAYBACK_RATE = 2


class ActivityError(LearningError):
    """A report that cannot be right: too big, malformed, or for no block."""


class NoSuchBlock(ActivityError):
    """A report for a video or activity the lesson does not have."""

    status_code = 404


def record_event(
    user, lesson, kind, *, block_id="", payload=None, score_percent=None, verified=False
):
    """Store one event; payloads are capped so a client cannot fill the table."""
    payload = payload or {}
    if len(json.dumps(payload, separators=(",", ":"))) > PAYLOAD_LIMIT_BYTES:
        raise ActivityError(_("The report is too large."))
    if score_percent is not None:
        score_percent = max(0, min(100, int(score_percent)))
    return LearningEvent.objects.create(
        user=user,
        lesson=lesson,
        block_id=block_id,
        kind=kind,
        payload=payload,
        score_percent=score_percent,
        verified=verified,
    )


def merge_segments(segments):
    """[[start, end], ...] sorted, with overlapping and touching ranges joined."""
    merged = []
    for start, end in sorted(segments):
        if merged and start <= merged[-1][1] + JOIN_GAP_SECONDS:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def watched_seconds(segments):
    return int(sum(end - start for start, end in segments))


def record_video_watch(user, lesson, block_id, *, segments, duration, position):
    """Merge a player's watched segments into the learner's record of this
    video. New watching is credited only as fast as real time passes, so a
    forged "watched it all" report counts for one heartbeat at most."""
    enrollment = _enrollment_with_access(user, lesson)
    if block_id not in lesson.video_block_ids:
        raise NoSuchBlock(_("This lesson has no such video."))
    duration = _seconds(duration, _("duration"))
    if duration <= 0:
        raise ActivityError(_("The video duration must be above zero."))
    # An uploaded video's length comes from its file, never from the report.
    known = lesson.known_video_duration(block_id)
    reported = _segments(segments)
    now = timezone.now()
    with transaction.atomic():
        watch, _created = VideoWatch.objects.select_for_update().get_or_create(
            enrollment=enrollment, lesson=lesson, block_id=block_id
        )
        if known:
            watch.duration_seconds = math.ceil(known)
        else:
            # YouTube and Vimeo: the first duration reported is kept, and a
            # later report cannot shrink it.
            watch.duration_seconds = watch.duration_seconds or math.ceil(duration)
        limit = watch.duration_seconds
        clipped = [[max(0, s), min(limit, e)] for s, e in reported if s < limit]
        merged = merge_segments(watch.segments + [c for c in clipped if c[1] > c[0]])
        added = watched_seconds(merged) - watch.watched_seconds
        # A report is taken whole or not at all: its new watching must fit
        # in the real time since the watch clock (reported_at).
        credited, clock = credit_time(
            watch.reported_at, added, now, rate=MAX_PLAYBACK_RATE
        )
        if credited == added:
            watch.segments = merged
            watch.watched_seconds = watched_seconds(merged)
            watch.reported_at = clock
        else:
            watch.reported_at = credit_time(watch.reported_at, 0, now)[1]
        watch.position_seconds = int(max(0, min(limit, _seconds(position, "position"))))
        watch.save()
    record_event(
        user,
        lesson,
        LearningEvent.Kind.VIDEO_PROGRESS,
        block_id=block_id,
        payload={"watched_seconds": watch.watched_seconds, "percent": watch.percent},
    )
    progress = _record_progress(enrollment, lesson, watched_percent=watch.percent)
    completed = complete_when_requirements_met(user, lesson, enrollment=enrollment)
    return watch, completed or progress


def _seconds(value, name):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ActivityError(_("The %(name)s must be a number.") % {"name": name})
    if not math.isfinite(value) or value < 0 or value > MAX_VIDEO_SECONDS:
        raise ActivityError(_("The %(name)s is out of range.") % {"name": name})
    return float(value)


def _segments(value):
    if not isinstance(value, list) or len(value) > MAX_SEGMENTS_PER_REPORT:
        raise ActivityError(_("Segments must be a list of [start, end] pairs."))
    pairs = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise ActivityError(_("Segments must be a list of [start, end] pairs."))
        start, end = (_seconds(v, "segment") for v in item)
        if end > start:
            pairs.append([start, end])
    return pairs


def video_positions(enrollment, lesson):
    """{block id: where the learner stopped}, for resuming; one query."""
    if enrollment is None:
        return {}
    return dict(
        VideoWatch.objects.filter(enrollment=enrollment, lesson=lesson).values_list(
            "block_id", "position_seconds"
        )
    )


def _progress(enrollment, lesson):
    return LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson).first()


def record_tool_result(launch, *, completed, score_percent=None, summary="", verified):
    """An AI tool's result. `verified` only when the tool's own server signed
    it; what the learner's browser passes on is a self-reported claim, which
    never meets a block whose rule asks for a verified result."""
    user, lesson = launch.user, launch.lesson
    enrollment = _enrollment_with_access(user, lesson)
    record_event(
        user,
        lesson,
        LearningEvent.Kind.AI_TOOL_RESULT,
        block_id=launch.block_id,
        payload={"completed": bool(completed), "summary": summary[:500]},
        score_percent=score_percent,
        verified=verified,
    )
    completed = complete_when_requirements_met(user, lesson, enrollment=enrollment)
    return completed or _progress(enrollment, lesson)


# H5P ---------------------------------------------------------------------------

H5P_STATE_LIMIT_BYTES = 64 * 1024


def record_h5p_statement(user, lesson, block_id, statement, *, view=""):
    """Keep an xAPI statement about the whole activity (not a question inside
    a container) that carries a result, whatever its verb, and one "attempted"
    per view of the page. Scores are self-reported: stored as such and never
    used as a trusted grade."""
    enrollment = _enrollment_with_access(user, lesson)
    if block_id not in lesson.h5p_rules:
        raise NoSuchBlock(_("This lesson has no such H5P activity."))
    if not isinstance(statement, dict) or _is_nested(statement):
        return None
    verb = _verb(statement)
    result = statement.get("result")
    if isinstance(result, dict):
        payload = {
            "verb": verb,
            "completion": result.get("completion") is True,
            "success": result.get("success")
            if isinstance(result.get("success"), bool)
            else None,
        }
    elif verb == "attempted":
        if _already_attempted(user, lesson, block_id, view):
            return None
        payload = {"verb": verb, "view": str(view)[:64]}
        result = {}
    else:
        return None
    event = record_event(
        user,
        lesson,
        LearningEvent.Kind.H5P_STATEMENT,
        block_id=block_id,
        payload=payload,
        score_percent=_scaled_percent(result),
        verified=False,
    )
    complete_when_requirements_met(user, lesson, enrollment=enrollment)
    return event


def _already_attempted(user, lesson, block_id, view):
    """H5P core and the page both announce a view; the first one counts."""
    if not view:
        return False
    return LearningEvent.objects.filter(
        user=user,
        lesson=lesson,
        block_id=block_id,
        kind=LearningEvent.Kind.H5P_STATEMENT,
        payload__verb="attempted",
        payload__view=str(view)[:64],
    ).exists()


def _verb(statement):
    verb = statement.get("verb")
    verb_id = verb.get("id", "") if isinstance(verb, dict) else ""
    return str(verb_id).rstrip("/").rsplit("/", 1)[-1].lower()[:40]


def _is_nested(statement):
    context = statement.get("context")
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    return bool(isinstance(activities, dict) and activities.get("parent"))


def _scaled_percent(result):
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    scaled = score.get("scaled")
    if _is_number(scaled):
        return max(0, min(100, round(100 * scaled)))
    raw, top = score.get("raw"), score.get("max")
    if _is_number(raw) and _is_number(top) and top > 0:
        return max(0, min(100, round(100 * raw / top)))
    return None


def _is_number(value):
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def save_h5p_state(user, lesson, block_id, state):
    enrollment = _enrollment_with_access(user, lesson)
    if block_id not in lesson.h5p_rules:
        raise NoSuchBlock(_("This lesson has no such H5P activity."))
    if len(state.encode()) > H5P_STATE_LIMIT_BYTES:
        raise ActivityError(_("The saved state is too large."))
    H5PState.objects.update_or_create(
        enrollment=enrollment,
        lesson=lesson,
        block_id=block_id,
        defaults={"state": state},
    )


def h5p_state(user, lesson, block_id):
    enrollment = _enrollment_with_access(user, lesson)
    saved = H5PState.objects.filter(
        enrollment=enrollment, lesson=lesson, block_id=block_id
    ).first()
    return saved.state if saved else None
