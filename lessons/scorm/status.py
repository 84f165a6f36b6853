"""What a SCO's CMI data says about it, in both versions' words: completed
or not, passed, failed or unknown, and its score in percent. Pure: the
learner's records are read elsewhere."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    completed: bool | None = None  # None: not known yet
    success: bool | None = None  # True passed, False failed, None unknown
    attempted: bool = False
    score_percent: int | None = None


UNKNOWN = Status()


def status_from_cmi(version, cmi, activity=None):
    """The Status of one SCO from its flattened CMI values. As the runtime
    does, the manifest's mastery score (1.2), passing score and completion
    threshold (2004) decide success and completion where they are set."""
    if version == "1.2":
        lesson_status = cmi.get("cmi.core.lesson_status", "")
        completed = lesson_status in {"completed", "passed", "failed"}
        success = {"passed": True, "failed": False}.get(lesson_status)
        attempted = lesson_status not in {"", "not attempted"}
        score = _percent(
            cmi.get("cmi.core.score.raw"),
            cmi.get("cmi.core.score.min"),
            cmi.get("cmi.core.score.max"),
        )
        raw = _finite(cmi.get("cmi.core.score.raw"))
        mastery = activity.mastery_score if activity else None
        if mastery is not None and raw is not None and completed:
            success = raw >= mastery
        return Status(completed if attempted else None, success, attempted, score)
    completion = cmi.get("cmi.completion_status", "")
    success = {"passed": True, "failed": False}.get(cmi.get("cmi.success_status", ""))
    scaled = _finite(cmi.get("cmi.score.scaled"))
    passing = activity.passing_score if activity else None
    if passing is not None and scaled is not None:
        success = scaled >= passing
    threshold = activity.completion_threshold if activity else None
    progress = _finite(cmi.get("cmi.progress_measure"))
    if threshold is not None and progress is not None:
        completion = "completed" if progress >= threshold else "incomplete"
    if scaled is not None:
        score = round(100 * max(0.0, min(1.0, scaled)))
    else:
        score = _percent(
            cmi.get("cmi.score.raw"), cmi.get("cmi.score.min"), cmi.get("cmi.score.max")
        )
    return Status(
        {"completed": True, "incomplete": False, "not attempted": False}.get(
            completion
        ),
        success,
        completion not in {"", "not attempted", "unknown"} or success is not None,
        score,
    )


def _finite(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _percent(raw, low, high):
    """A raw score as a percent of its range (0-100 when the SCO gives none)."""
    raw = _finite(raw)
    if raw is None:
        return None
    low = _finite(low)
    high = _finite(high)
    low = 0.0 if low is None else low
    high = 100.0 if high is None else high
    if high <= low:
        return None
    return round(100 * max(0.0, min(1.0, (raw - low) / (high - low))))


def rule_met(status, requirement):
    """A SCORM block's rule on the package's rolled-up Status: finished
    without failing, or passed (with at least the minimum score when one is
    set)."""
    if status.success is False:
        return False
    if requirement.rule == "completed":
        return status.completed is True or status.success is True
    minimum, score = requirement.minimum, status.score_percent
    reached = score is not None and score >= minimum
    if status.success is True:
        return not minimum or score is None or reached
    return bool(minimum) and reached
