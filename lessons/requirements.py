"""What a lesson asks of a learner before it counts as complete: one
requirement per block that sets one (a video's watch target, a quiz or
assignment to pass, an H5P or SCORM rule, a cmi5 course's moveOn, an AI
tool's result). No learner state here; `learners.services.requirements`
says which are met."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


class Kind:
    VIDEO = "video"
    QUIZ = "quiz"
    ASSIGNMENT = "assignment"
    H5P = "h5p"
    SCORM = "scorm"
    CMI5 = "cmi5"
    AI_TOOL = "ai_tool"


@dataclass(frozen=True)
class Requirement:
    """One condition of completing a lesson, tied to the block that sets it."""

    block_id: str
    kind: str
    title: str
    rule: str = ""
    minimum: int = 0  # a watch target or a score, in percent

    @property
    def label(self):
        """What the learner has to do, in their words."""
        title = self.title
        if self.kind == Kind.VIDEO:
            return _("Watch %(pct)s%% of “%(title)s”") % {
                "pct": self.minimum,
                "title": title or _("the video"),
            }
        if self.kind == Kind.QUIZ:
            return _("Pass the quiz “%(title)s” (%(pct)s%% or more)") % {
                "title": title,
                "pct": self.minimum,
            }
        if self.kind == Kind.ASSIGNMENT:
            return _("Hand in “%(title)s” and get a passing grade") % {"title": title}
        if self.kind in {Kind.H5P, Kind.SCORM}:
            title = title or _("the activity")
            if self.rule == "viewed":
                return _("Open “%(title)s”") % {"title": title}
            if self.rule == "passed" and not self.minimum:
                return _("Pass “%(title)s”") % {"title": title}
            if self.rule == "passed":
                return _("Pass “%(title)s” with %(pct)s%% or more") % {
                    "title": title,
                    "pct": self.minimum,
                }
            return _("Finish “%(title)s”") % {"title": title}
        if self.minimum:
            return _("Finish “%(title)s” with %(pct)s%% or more") % {
                "title": title,
                "pct": self.minimum,
            }
        return _("Finish “%(title)s”") % {"title": title}


def lesson_requirements(body):
    """The requirements of a lesson body, in the order its blocks appear.

    Embedded H5P activities hosted elsewhere cannot report back, and an AI
    tool set to "does not count" is practice only: neither sets a requirement.
    """
    found = []
    for block in body:
        value, kind = block.value, block.block_type
        if kind == Kind.VIDEO and value.get("required_watch_percentage"):
            found.append(
                Requirement(
                    block.id,
                    kind,
                    value.get("title") or "",
                    minimum=value["required_watch_percentage"],
                )
            )
        elif kind == Kind.QUIZ:
            found.append(
                Requirement(block.id, kind, value["title"], minimum=value["pass_mark"])
            )
        elif kind == Kind.ASSIGNMENT:
            found.append(Requirement(block.id, kind, value["title"]))
        elif kind == Kind.H5P and value.get("package"):
            found.append(
                Requirement(
                    block.id,
                    kind,
                    value.get("title") or value["package"].title,
                    rule=value["completion_rule"],
                    minimum=value["minimum_score"]
                    if value["completion_rule"] == "passed"
                    else 0,
                )
            )
        elif kind == Kind.SCORM and value.get("package"):
            rule = value["completion_rule"]
            found.append(
                Requirement(
                    block.id,
                    kind,
                    value.get("title") or value["package"].title,
                    rule=rule,
                    minimum=value["minimum_score"] if rule == "passed" else 0,
                )
            )
        elif kind == Kind.CMI5 and value.get("package"):
            title = value.get("title") or value["package"].title
            found.append(Requirement(block.id, kind, title))
        elif kind == Kind.AI_TOOL and value.get("completion_rule") != "none":
            found.append(
                Requirement(
                    block.id,
                    kind,
                    value["title"],
                    rule=value.get("completion_rule") or "verified",
                    minimum=value.get("minimum_score") or 0,
                )
            )
    return found
