"""SCORM 2004 rollup, kept to what a lesson needs: the package's completion
and success from its SCOs' statuses, through each cluster's rollup rules
(child activity sets all, any, none, at least a count or percent) or the
default rules, skipping children that do not contribute. SCORM 1.2 has no
rollup; its packages roll up by the same defaults: every SCO counts."""

from .status import UNKNOWN, Status


def roll_up(activity, statuses):
    """The Status of `activity` given {SCO identifier: Status}."""
    if activity.kind:
        status = statuses.get(activity.identifier, UNKNOWN)
        if activity.kind == "asset" and status.attempted:
            return Status(True, None, True, None)
        return status
    results = [(child, roll_up(child, statuses)) for child in activity.children]
    for_completion = [s for child, s in results if child.counts_for_completion]
    for_success = [s for child, s in results if child.counts_for_success]
    scores = [s.score_percent for _, s in results if s.score_percent is not None]
    return Status(
        completed=_decide(
            activity.rules, for_completion, "completed", "incomplete", _completed
        ),
        success=_decide(
            activity.rules, for_success, "satisfied", "notSatisfied", _satisfied
        ),
        attempted=any(s.attempted for _, s in results),
        score_percent=round(sum(scores) / len(scores)) if scores else None,
    )


def _completed(status):
    return status.completed


def _satisfied(status):
    return status.success


def _decide(rules, statuses, yes, no, measure):
    """True, False or None (unknown) for one of the two rollups. The "not"
    rules are applied first and the positive ones win, as in the
    specification's rollup process."""
    if not statuses:
        return None
    mine = [rule for rule in rules if rule.action in {yes, no}]
    if not mine:
        # The default rules: every child yes -> yes; every child known and
        # one of them no -> no.
        values = [measure(s) for s in statuses]
        if all(v is True for v in values):
            return True
        if all(v is not None for v in values):
            return False
        return None
    result = None
    for rule in (r for r in mine if r.action == no):
        if _applies(rule, statuses):
            result = False
    for rule in (r for r in mine if r.action == yes):
        if _applies(rule, statuses):
            result = True
    return result


def _applies(rule, statuses):
    hits = [_conditions_hold(rule, status) for status in statuses]
    count = sum(hits)
    if rule.child_set == "any":
        return count > 0
    if rule.child_set == "none":
        return count == 0
    if rule.child_set == "atLeastCount":
        return count >= rule.minimum_count
    if rule.child_set == "atLeastPercent":
        return count / len(hits) >= rule.minimum_percent
    return count == len(hits)


CONDITIONS = {
    "satisfied": lambda s: s.success is True,
    "completed": lambda s: s.completed is True,
    "attempted": lambda s: s.attempted,
    "objectiveStatusKnown": lambda s: s.success is not None,
    "activityProgressKnown": lambda s: s.completed is not None,
    "objectiveMeasureKnown": lambda s: s.score_percent is not None,
}


def _conditions_hold(rule, status):
    if not rule.conditions:
        return False
    results = [
        CONDITIONS.get(condition, lambda s: False)(status) != negated
        for condition, negated in rule.conditions
    ]
    return all(results) if rule.combination == "all" else any(results)
