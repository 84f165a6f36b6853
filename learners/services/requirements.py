"""Which of a lesson's requirements a learner has met, read in at most four
queries, and the one place a lesson completes once every one of them is."""

from dataclasses import dataclass

from django.db.models import F
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from lessons.requirements import Kind
from lessons.scorm.rollup import roll_up
from lessons.scorm.status import Status, rule_met

from ..models import (
    Cmi5Registration,
    LearningEvent,
    QuizAttempt,
    ScormRecord,
    Submission,
    VideoWatch,
)
from .progress import _enrollment_with_access, complete_lesson

# Verbs that say an activity was finished, whatever its score.
FINISHED_VERBS = {"completed", "passed", "mastered"}


@dataclass(frozen=True)
class RequirementState:
    requirement: object
    done: bool
    detail: str = ""

    @property
    def block_id(self):
        return self.requirement.block_id

    @property
    def label(self):
        return self.requirement.label

    def as_json(self):
        return {"id": self.block_id, "done": self.done, "detail": self.detail}


def requirement_states(enrollment, lesson):
    """[RequirementState] in the order of the lesson's blocks."""
    requirements = lesson.requirements
    if not requirements or enrollment is None:
        return [RequirementState(r, False) for r in requirements]
    kinds = {r.kind for r in requirements}
    facts = _Facts(enrollment, lesson, kinds)
    return [facts.state(requirement) for requirement in requirements]


def lesson_state(enrollment, lesson, progress=None):
    """What the lesson page shows and updates without a reload."""
    states = requirement_states(enrollment, lesson)
    return {
        "lesson_completed": bool(progress and progress.is_completed),
        "requirements": [state.as_json() for state in states],
    }


def complete_when_requirements_met(user, lesson, *, enrollment=None):
    """Complete the lesson once every requirement is met; None until then.
    Every kind of report (video, quiz, grade, H5P, SCORM, cmi5, AI tool)
    ends here.
    `enrollment` may be passed by a caller that has just asked the access
    policy, so a report does not ask it twice."""
    enrollment = enrollment or _enrollment_with_access(user, lesson)
    if lesson.completes_by_hand:
        return None
    if not all(state.done for state in requirement_states(enrollment, lesson)):
        return None
    return complete_lesson(user, lesson)


class _Facts:
    """The learner's records for one lesson, one query per kind of block."""

    def __init__(self, enrollment, lesson, kinds):
        self.watches = {}
        self.quizzes = set()
        self.assignments = set()
        self.events = {}
        self.scorm = {}
        self.cmi5 = {}
        if Kind.VIDEO in kinds:
            self.watches = {
                watch.block_id: watch
                for watch in VideoWatch.objects.filter(
                    enrollment=enrollment, lesson=lesson
                )
            }
        if Kind.QUIZ in kinds:
            attempts = QuizAttempt.objects.filter(
                enrollment=enrollment, lesson=lesson, passed=True
            ).values("block_id", "results_released", mode=KT("snapshot__feedback_mode"))
            # A held-back result must not show through the lesson completing.
            self.quizzes = {
                a["block_id"]
                for a in attempts
                if a["mode"] != "on_release" or a["results_released"]
            }
        if Kind.ASSIGNMENT in kinds:
            self.assignments = set(
                Submission.objects.filter(
                    enrollment=enrollment,
                    lesson=lesson,
                    status=Submission.Status.GRADED,
                    score__gte=F("pass_score"),
                ).values_list("block_id", flat=True)
            )
        if kinds & {Kind.H5P, Kind.AI_TOOL}:
            events = LearningEvent.objects.filter(
                user=enrollment.user,
                lesson=lesson,
                kind__in=[
                    LearningEvent.Kind.H5P_STATEMENT,
                    LearningEvent.Kind.AI_TOOL_RESULT,
                ],
            ).only("block_id", "payload", "score_percent", "verified")
            for event in events:
                self.events.setdefault(event.block_id, []).append(event)

        if Kind.SCORM in kinds:
            records = ScormRecord.objects.filter(
                enrollment=enrollment, lesson=lesson
            ).only(
                "block_id", "sco", "completed", "success", "attempted", "score_percent"
            )
            for record in records:
                self.scorm.setdefault(record.block_id, {})[record.sco] = Status(
                    record.completed,
                    record.success,
                    record.attempted,
                    record.score_percent,
                )
        if Kind.CMI5 in kinds:
            self.cmi5 = dict(
                Cmi5Registration.objects.filter(
                    enrollment=enrollment, lesson=lesson
                ).values_list("block_id", "results")
            )
        self.lesson = lesson

    def state(self, requirement):
        block_id = requirement.block_id
        if requirement.kind == Kind.VIDEO:
            watch = self.watches.get(block_id)
            watched = watch.percent if watch else 0
            return RequirementState(
                requirement,
                watched >= requirement.minimum,
                _("Watched %(pct)s%%") % {"pct": watched},
            )
        if requirement.kind == Kind.QUIZ:
            return RequirementState(requirement, block_id in self.quizzes)
        if requirement.kind == Kind.ASSIGNMENT:
            return RequirementState(requirement, block_id in self.assignments)
        if requirement.kind == Kind.SCORM:
            return self.scorm_state(requirement)
        if requirement.kind == Kind.CMI5:
            return self.cmi5_state(requirement)
        events = self.events.get(block_id, [])
        if requirement.kind == Kind.H5P:
            return RequirementState(requirement, h5p_rule_met(events, requirement))
        return RequirementState(requirement, *tool_rule_met(events, requirement))

    def scorm_state(self, requirement):
        package = self.lesson.scorm_blocks[requirement.block_id]["package"]
        status = roll_up(package.organization, self.scorm.get(requirement.block_id, {}))
        detail = ""
        if status.success is False:
            detail = _("Not passed yet")
        elif status.score_percent is not None:
            detail = _("Score %(pct)s%%") % {"pct": status.score_percent}
        return RequirementState(requirement, rule_met(status, requirement), detail)

    def cmi5_state(self, requirement):
        """Done when every unit's moveOn is met, as the platform judged it."""
        package = self.lesson.cmi5_blocks[requirement.block_id]["package"]
        results = self.cmi5.get(requirement.block_id) or {}
        units = package.units
        done = sum(1 for unit in units if results.get(unit.id, {}).get("satisfied"))
        detail = ""
        if len(units) > 1:
            detail = _("%(done)s of %(total)s parts") % {
                "done": done,
                "total": len(units),
            }
        return RequirementState(requirement, bool(units) and done == len(units), detail)


def h5p_rule_met(events, requirement):
    """An H5P rule, judged on the results of top-level statements whatever
    their verb: real single-question types say "answered" with a result."""
    if requirement.rule == "viewed":
        return bool(events)
    if requirement.rule == "completed":
        return any(
            e.payload.get("completion")
            or e.payload.get("verb") in FINISHED_VERBS
            or e.payload.get("success") is True
            for e in events
        )
    return any(_passed(e, requirement.minimum) for e in events)


def _passed(event, minimum):
    success = event.payload.get("success")
    if success is False or event.payload.get("verb") == "failed":
        return False
    if event.score_percent is not None:
        return event.score_percent >= minimum
    return success is True and minimum == 0


def tool_rule_met(events, requirement):
    """(met, detail) for an AI tool: a verified rule counts only results the
    tool's server signed; a reported rule also takes the browser's word."""
    results = [e for e in events if e.payload.get("completed")]
    if requirement.rule == "verified":
        unverified = any(not e.verified for e in results)
        results = [e for e in results if e.verified]
        if not results and unverified:
            return False, _("Reported by your browser; waiting for the tool's result")
    for event in results:
        score = event.score_percent
        if (score if score is not None else 100) >= requirement.minimum:
            detail = _("Score %(pct)s%%") % {"pct": score} if score is not None else ""
            return True, detail
    return False, ""
