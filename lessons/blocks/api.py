"""Each lesson block as typed JSON for the API: what the page shows, never
what it keeps from the learner (a quiz's answers, explanations and
tolerances).

The context holds the `request` (for absolute addresses) and, from the
learner side, `launch_urls` (the AI tools' addresses with fresh launch
tokens) and `player_url` (an H5P package's signed player address), which
only exist for someone the access policy let in.
"""

from wagtail.rich_text import expand_db_html


def absolute(context, url):
    request = (context or {}).get("request")
    return request.build_absolute_uri(url) if request and url else url


def video(value, context):
    document, captions = value.get("file"), value.get("captions")
    return {
        "title": value.get("title") or "",
        "provider": value.provider,
        "embed_url": value.embed_url or None,
        "sources": (
            [
                {
                    "url": absolute(context, document.url),
                    "type": f"video/{document.file_extension.lower()}",
                }
            ]
            if document
            else []
        ),
        "captions": (
            [{"url": absolute(context, captions.url), "format": "vtt"}]
            if captions
            else []
        ),
        "transcript": value.get("transcript") or "",
        "required_watch_percentage": value["required_watch_percentage"],
    }


def rich_text(value, context):
    return {"html": expand_db_html(value["content"].source)}


def markdown(value, context):
    return {"markdown": value["markdown"], "html": str(value.html)}


def code(value, context):
    return {
        "language": value["language"],
        "caption": value.get("caption") or "",
        "code": value["code"],
        "html": str(value.html),
    }


def pdf(value, context):
    document = value["document"]
    return {
        "title": document.title if document else "",
        # The document's own address: it opens through the access policy.
        "url": absolute(context, document.url) if document else None,
        "description": value.get("description") or "",
    }


def _question(question):
    answer = question.value
    shown = {
        "id": question.id,
        "type": question.block_type,
        "prompt": answer["prompt"],
        "points": answer.get("points") or 0,
    }
    if "options" in answer:
        shown["options"] = [option["text"] for option in answer["options"]]
    if question.block_type == "multiple_choice":
        shown["partial_credit"] = bool(answer.get("partial_credit"))
    return shown


def quiz(value, context):
    return {
        "title": value["title"],
        "intro": value.get("intro") or "",
        "pass_mark": value["pass_mark"],
        "max_attempts": value["max_attempts"],
        "time_limit_minutes": value["time_limit_minutes"],
        "feedback_mode": value["feedback_mode"],
        "total_points": value.total_points,
        "questions": [_question(question) for question in value["questions"]],
    }


def assignment(value, context):
    return {
        "title": value["title"],
        "instructions_html": expand_db_html(value["instructions"].source),
        "max_score": value["max_score"],
        "pass_score": value["pass_score"],
        "allowed_file_types": list(value.get("allowed_file_types") or []),
        "max_file_size_mb": value["max_file_size_mb"],
        "due_days_after_enrolment": value.get("due_days_after_enrolment"),
        "allow_resubmission": bool(value.get("allow_resubmission")),
        "rubric": [
            {
                "title": criterion["title"],
                "description": criterion.get("description") or "",
                "points": criterion["points"],
            }
            for criterion in value.get("rubric") or []
        ],
    }


def h5p(value, context):
    package = value.get("package")
    player_url = (context or {}).get("player_url")
    return {
        "title": value.get("title") or (package.title if package else ""),
        "embed_url": value.get("embed_url") or None,
        "player_url": player_url(package) if package and player_url else None,
        "height": value["height"],
        "completion_rule": value["completion_rule"],
        "minimum_score": value.get("minimum_score") or 0,
    }


def scorm(value, context):
    """A SCORM package plays only in the lesson page, whose frame hosts its
    runtime; the API describes it."""
    package = value["package"]
    return {
        "title": value.get("title") or package.title,
        "version": package.version,
        "edition": package.edition,
        "activities": [
            {"id": activity.identifier, "title": activity.title, "kind": activity.kind}
            for activity in package.activities
        ],
        "height": value["height"],
        "completion_rule": value["completion_rule"],
        "minimum_score": value.get("minimum_score") or 0,
    }


def cmi5(value, context):
    """A cmi5 course is launched from the lesson page, which is its record
    store's door; the API describes it."""
    package = value["package"]
    return {
        "title": value.get("title") or package.title,
        "units": [
            {"id": unit.id, "title": unit.title, "move_on": unit.move_on}
            for unit in package.units
        ],
        "height": value["height"],
    }


def ai_tool(value, context, block_id=None):
    launches = (context or {}).get("launch_urls") or {}
    return {
        "title": value["title"],
        "launch_url": launches.get(block_id),
        "allowed_origin": value["allowed_origin"],
        "height": value["height"],
        "completion_rule": value["completion_rule"],
        "minimum_score": value.get("minimum_score") or 0,
    }


REPRESENTATIONS = {
    "video": video,
    "rich_text": rich_text,
    "markdown": markdown,
    "code": code,
    "pdf": pdf,
    "quiz": quiz,
    "assignment": assignment,
    "h5p": h5p,
    "scorm": scorm,
    "cmi5": cmi5,
    "ai_tool": ai_tool,
}


def lesson_blocks(body, context):
    """The lesson body as [{"id", "type", "value"}], in the editor's order."""
    shown = []
    for block in body:
        represent = REPRESENTATIONS[block.block_type]
        if represent is ai_tool:
            value = ai_tool(block.value, context, block.id)
        else:
            value = represent(block.value, context)
        shown.append({"id": block.id, "type": block.block_type, "value": value})
    return shown
