"""Inclusion tags that show a learner's own quiz attempts and submissions,
and the signed addresses of the sandboxed H5P, SCORM and cmi5 players."""

from django import template
from django.conf import settings

from lessons.blocks.media import origin_of
from lessons.cmi5 import player as cmi5_player
from lessons.grading import public_questions
from lessons.h5p_player import player_url
from lessons.scorm import player as scorm_player
from lessons.seams import learner_side

register = template.Library()


@register.inclusion_tag("lessons/includes/quiz_panel.html", takes_context=True)
def quiz_panel(context, quiz, block_id):
    assessments = context.get("assessments")
    state = assessments.quiz(block_id, quiz) if assessments and block_id else None
    attempt = state.open_attempt if state else None
    return {
        "request": context.get("request"),
        "page": context.get("page"),
        "quiz": quiz,
        "block_id": block_id,
        "state": state,
        "attempt": attempt,
        "questions": public_questions(attempt.snapshot) if attempt else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("lessons/includes/assignment_panel.html", takes_context=True)
def assignment_panel(context, assignment, block_id):
    assessments = context.get("assessments")
    state = (
        assessments.assignment(block_id, assignment)
        if assessments and block_id
        else None
    )
    return {
        "request": context.get("request"),
        "page": context.get("page"),
        "assignment": assignment,
        "block_id": block_id,
        "state": state,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def assignment_due(context, assignment, block_id):
    """`{% assignment_due value block_id as due %}`: this learner's due date,
    or None for someone not enrolled (who sees the rule in days instead)."""
    assessments = context.get("assessments")
    if not (assessments and block_id):
        return None
    return assessments.assignment(block_id, assignment).due_at


@register.filter
def answer_for(answers, question_id):
    """The saved answer to a question, for pre-filling an open attempt."""
    return (answers or {}).get(question_id, "")


@register.filter
def result_for(results, question_id):
    return next((r for r in results or [] if r["id"] == question_id), None)


@register.simple_tag(takes_context=True)
def video_start(context):
    """`{% video_start as start %}`: where this learner stopped this video, in
    seconds (0 in the editor's preview, which has no learner)."""
    positions = context.get("video_positions") or {}
    return positions.get(context.get("block_id"), 0)


@register.simple_tag(takes_context=True)
def ai_tool_launch_url(context, value, block_id):
    """The tool's address with the launch token the lesson view issued for
    this learner; without one for anyone else (editors' previews). Issuing a
    token writes a row, so it happens in the view, never while rendering."""
    launches = context.get("tool_launch_urls") or {}
    return launches.get(block_id, value.launch_url)


# A tool on another origin may keep its own origin; one served from this site
# must not, or its frame could reach into the lesson page and lift its sandbox.
SANDBOX_OTHER_ORIGIN = "allow-scripts allow-forms allow-popups allow-same-origin"
SANDBOX_SITE_ORIGIN = "allow-scripts allow-forms allow-popups"


@register.simple_tag(takes_context=True)
def ai_tool_sandbox(context, value):
    """The iframe sandbox for an AI tool, by where the tool is served from."""
    request = context.get("request")
    origin = value["allowed_origin"].rstrip("/")
    own = {origin_of(settings.SITE_URL)}
    if request is not None:
        own.add(origin_of(request.build_absolute_uri("/")))
    return SANDBOX_SITE_ORIGIN if origin in own else SANDBOX_OTHER_ORIGIN


@register.simple_tag(takes_context=True)
def h5p_player_url(context, package):
    """The player frame's address for this viewer (a signed, expiring token)."""
    return player_url(context["request"])(package)


@register.simple_tag(takes_context=True)
def scorm_launches(context, package, block_id):
    """`{% scorm_launches value.package block_id as launches %}`: [(activity,
    its frame address)] for this viewer, in the package's order."""
    request, page = context["request"], context["page"]
    return [
        (activity, scorm_player.launch_url(request, page, block_id, package, activity))
        for activity in package.activities
    ]


@register.simple_tag
def scorm_sandbox():
    return scorm_player.sandbox()


@register.simple_tag(takes_context=True)
def cmi5_units(context, package, block_id):
    """`{% cmi5_units value.package block_id as units %}`: [(unit, its
    result for this viewer)], in the course's order."""
    request, page = context["request"], context["page"]
    results = {}
    if request.user.is_authenticated:
        results = learner_side.cmi5_results(request.user, page, block_id)
    return [(unit, results.get(unit.id, {})) for unit in package.units]


@register.simple_tag
def cmi5_sandbox():
    return cmi5_player.frame_sandbox()
