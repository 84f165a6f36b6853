"""xAPI 1.0.3 statements of what learners do, sent to an external learning
record store when one is configured (`XAPI_LRS_URL`).

Each statement comes from one record the platform already keeps: a
`LearningEvent` (a video watched, a PDF opened, an H5P or SCORM result, an
AI-tool result, a graded quiz), a completed `LessonProgress`, or a
`Certificate` (the course completed); or a cmi5 unit's statement, sent as
the unit made it. Its id is a UUID made from that record,
so sending it again (a retry after a lost answer) never makes a second
statement: the store keeps one statement per id. Activity ids are addresses
on this site built from page and block ids, so they stay the same for the
life of the content. The learner is an account named by a pseudonym, unless
the site chooses `XAPI_ACTOR=mbox`."""

import base64
import json
import urllib.error
import urllib.request
import uuid
from urllib.parse import quote, urlsplit

from django.conf import settings

from home.outbox import enqueue

from .models import Certificate, Cmi5Statement, LearningEvent, LessonProgress
from .pseudonyms import learner_id

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "media": "http://adlnet.gov/expapi/activities/media",
    "interaction": "http://adlnet.gov/expapi/activities/interaction",
    "module": "http://adlnet.gov/expapi/activities/module",
}
# What kind of activity each kind of event is about.
EVENT_OBJECTS = {
    LearningEvent.Kind.VIDEO_PROGRESS: "media",
    LearningEvent.Kind.PDF_OPENED: "media",
    LearningEvent.Kind.H5P_STATEMENT: "interaction",
    LearningEvent.Kind.SCORM_RESULT: "module",
    LearningEvent.Kind.AI_TOOL_RESULT: "interaction",
    LearningEvent.Kind.QUIZ_SUBMITTED: "assessment",
}
H5P_VERBS = {"answered", "attempted", "completed", "passed", "failed", "interacted"}
TIMEOUT_SECONDS = 10


class LrsRefused(Exception):
    """The store answered with an error; the task tries again later."""


def enabled():
    return bool(settings.XAPI_LRS_URL)


def queue(source, pk):
    """Send the statement of one record after the transaction commits
    (through the outbox, so a broker outage delays it, never loses it)."""
    if enabled():
        enqueue("learners.tasks.send_xapi_statement_task", source, pk)


# Statements ----------------------------------------------------------------------


def statement_id(source, pk):
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, settings.SITE_URL + "/xapi/")
    return str(uuid.uuid5(namespace, f"{source}:{pk}"))


def activity_id(*parts):
    path = "/".join(quote(str(part), safe="") for part in parts)
    return f"{settings.SITE_URL}/xapi/activities/{path}"


def actor(user):
    if settings.XAPI_ACTOR == "mbox" and user.email:
        return {"objectType": "Agent", "mbox": f"mailto:{user.email}"}
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": learner_id(user)},
    }


def verb(name):
    return {"id": ADL + name, "display": {"en-US": name}}


def activity(identifier, kind, name=None):
    definition = {"type": ACTIVITY_TYPES[kind]}
    if name:
        definition["name"] = {"en-US": name}
    return {"objectType": "Activity", "id": identifier, "definition": definition}


def context(lesson, course, *, parent_is_lesson):
    activities = {}
    if parent_is_lesson:
        activities["parent"] = [
            activity(activity_id("lesson", lesson.pk), "lesson", lesson.title)
        ]
    if course is not None:
        activities["grouping"] = [
            activity(activity_id("course", course.pk), "course", course.title)
        ]
    return {"platform": "Coursewright", "contextActivities": activities}


def timestamp(moment):
    return moment.isoformat().replace("+00:00", "Z")


def event_statement(event):
    """The statement of a LearningEvent."""
    lesson, payload = event.lesson, event.payload or {}
    kind = event.kind
    result = {}
    if event.score_percent is not None:
        result["score"] = {"scaled": event.score_percent / 100}
    if kind == LearningEvent.Kind.VIDEO_PROGRESS:
        name = "progressed"
        result["extensions"] = {
            "https://w3id.org/xapi/video/extensions/progress": min(
                1, (payload.get("percent") or 0) / 100
            )
        }
    elif kind == LearningEvent.Kind.PDF_OPENED:
        name = "experienced"
    elif kind == LearningEvent.Kind.H5P_STATEMENT:
        name = payload.get("verb") if payload.get("verb") in H5P_VERBS else "answered"
        _outcome(result, payload.get("completion"), payload.get("success"))
    elif kind == LearningEvent.Kind.QUIZ_SUBMITTED:
        name = "passed" if payload.get("passed") else "failed"
        _outcome(result, True, bool(payload.get("passed")))
    elif kind == LearningEvent.Kind.SCORM_RESULT:
        success = payload.get("success")
        name = {True: "passed", False: "failed"}.get(success) or (
            "completed" if payload.get("completed") else "progressed"
        )
        _outcome(result, payload.get("completed"), success)
    else:  # an AI tool's result
        name = "completed" if payload.get("completed") else "attempted"
        _outcome(result, payload.get("completed"), None)
    statement = {
        "id": statement_id("event", event.pk),
        "actor": actor(event.user),
        "verb": verb(name),
        "object": activity(
            activity_id("lesson", lesson.pk, "block", event.block_id),
            EVENT_OBJECTS[kind],
        ),
        "context": context(lesson, lesson.course, parent_is_lesson=True),
        "timestamp": timestamp(event.created_at),
    }
    if result:
        statement["result"] = result
    return statement


def _outcome(result, completion, success):
    if isinstance(completion, bool):
        result["completion"] = completion
    if isinstance(success, bool):
        result["success"] = success


def lesson_statement(progress):
    """A lesson completed."""
    lesson = progress.lesson
    return {
        "id": statement_id("lesson", progress.pk),
        "actor": actor(progress.enrollment.user),
        "verb": verb("completed"),
        "object": activity(activity_id("lesson", lesson.pk), "lesson", lesson.title),
        "result": {"completion": True},
        "context": context(lesson, lesson.course, parent_is_lesson=False),
        "timestamp": timestamp(progress.completed_at),
    }


def certificate_statement(certificate):
    """A course completed, with its certificate."""
    enrollment = certificate.enrollment
    course = enrollment.course
    return {
        "id": statement_id("certificate", certificate.pk),
        "actor": actor(enrollment.user),
        "verb": verb("completed"),
        "object": activity(activity_id("course", course.pk), "course", course.title),
        "result": {
            "completion": True,
            "extensions": {
                f"{settings.SITE_URL}/xapi/extensions/certificate": (
                    certificate.verification_code
                )
            },
        },
        "context": {"platform": "Coursewright"},
        "timestamp": timestamp(certificate.issued_at),
    }


def statement_for(source, pk):
    """The statement of one record, or None when the record (or its person)
    is gone: an erased learner's activity is not sent."""
    if source == "cmi5":
        # A cmi5 unit's statement (or the platform's in its session) is sent
        # as it was kept; a browse-mode session's never are.
        return (
            Cmi5Statement.objects.filter(pk=pk, session__registration__isnull=False)
            .values_list("statement", flat=True)
            .first()
        )
    if source == "event":
        event = LearningEvent.objects.select_related("user", "lesson").filter(pk=pk)
        event = event.first()
        return event_statement(event) if event else None
    if source == "lesson":
        progress = (
            LessonProgress.objects.select_related("enrollment__user", "lesson")
            .filter(pk=pk, completed_at__isnull=False)
            .first()
        )
        if progress is None or progress.enrollment.user is None:
            return None
        return lesson_statement(progress)
    certificate = (
        Certificate.objects.select_related("enrollment__user", "enrollment__course")
        .filter(pk=pk)
        .first()
    )
    if certificate is None or certificate.enrollment.user is None:
        return None
    return certificate_statement(certificate)


# Sending -------------------------------------------------------------------------


def send(statement):
    """PUT the statement under its own id. 204 is stored; 409 means the store
    already holds a statement with that id, which is this one sent before."""
    base = settings.XAPI_LRS_URL.rstrip("/")
    if urlsplit(base).scheme not in {"http", "https"}:
        raise LrsRefused("XAPI_LRS_URL must be an http or https address")
    url = f"{base}/statements?statementId={statement['id']}"
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url,
        data=json.dumps(statement).encode(),
        method="PUT",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": VERSION,
            **_authorization(),
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310 - http(s) only, checked above
            request, timeout=TIMEOUT_SECONDS
        ) as response:
            return response.status
    except urllib.error.HTTPError as error:
        if error.code == 409:
            return 409
        raise LrsRefused(f"the LRS answered {error.code}") from error


def _authorization():
    if not settings.XAPI_LRS_USERNAME:
        return {}
    pair = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}".encode()
    return {"Authorization": "Basic " + base64.b64encode(pair).decode()}


def send_statement(source, pk):
    """The task's work: build the statement now and send it."""
    if not enabled():
        return None
    statement = statement_for(source, pk)
    if statement is None:
        return None
    return send(statement)
