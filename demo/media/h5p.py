"""The demo courses' H5P activities: Coursewright's own small question
content type (`h5p_library/`), packaged by pyh5p into real .h5p archives
that are uploaded and played like any other, with no network."""

import json
import tempfile
from pathlib import Path

from pyh5p import LibraryStore, build, read_package

LIBRARY = "H5P.CoursewrightQuestions"
SOURCE = Path(__file__).parent / "h5p_library"

LIBRARY_JSON = {
    "title": "Coursewright questions",
    "machineName": LIBRARY,
    "majorVersion": 1,
    "minorVersion": 0,
    "patchVersion": 0,
    "runnable": 1,
    "license": "MIT",
    "author": "Coursewright",
    "embedTypes": ["div"],
    "coreApi": {"majorVersion": 1, "minorVersion": 24},
    "preloadedJs": [{"path": "questions.js"}],
    "preloadedCss": [{"path": "questions.css"}],
}
SEMANTICS = [
    {
        "name": "questions",
        "type": "list",
        "label": "Questions",
        "field": {
            "name": "question",
            "type": "group",
            "label": "Question",
            "fields": [
                {
                    "name": "kind",
                    "type": "select",
                    "label": "Kind",
                    "options": [
                        {"value": "choice", "label": "Pick one answer"},
                        {"value": "order", "label": "Put in order"},
                    ],
                    "default": "choice",
                },
                {"name": "text", "type": "text", "label": "Question"},
                {
                    "name": "options",
                    "type": "list",
                    "label": "Answers",
                    "optional": True,
                    "field": {"name": "option", "type": "text", "label": "Answer"},
                },
                {
                    "name": "correct",
                    "type": "number",
                    "label": "Right answer (from 0)",
                    "optional": True,
                },
                {
                    "name": "items",
                    "type": "list",
                    "label": "Steps, in the right order",
                    "optional": True,
                    "field": {"name": "item", "type": "text", "label": "Step"},
                },
            ],
        },
    },
    {
        "name": "passPercentage",
        "type": "number",
        "label": "Pass mark (%)",
        "default": 50,
    },
]


def build_h5p(library_json, semantics, files, params, title):
    """A checked .h5p archive of one content type (its library.json,
    semantics and {file name: bytes}) with these parameters, built offline."""
    machine_name = library_json["machineName"]
    version = f"{library_json['majorVersion']}.{library_json['minorVersion']}"
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "libraries" / f"{machine_name}-{version}"
        library.mkdir(parents=True)
        (library / "library.json").write_text(json.dumps(library_json))
        (library / "semantics.json").write_text(json.dumps(semantics))
        for name, data in files.items():
            (library / name).write_bytes(data)
        content = build(
            machine_name,
            params,
            store=LibraryStore(library.parent),
            title=title,
            language="en",
            fetch=False,
        )
        data = Path(content.save(Path(folder) / "activity.h5p")).read_bytes()
    read_package(data)
    return data


def package_bytes(title, questions, pass_percentage=50):
    """A demo activity: the question type with these questions."""
    files = {
        name: (SOURCE / name).read_bytes() for name in ("questions.js", "questions.css")
    }
    params = {"questions": questions, "passPercentage": pass_percentage}
    return build_h5p(LIBRARY_JSON, SEMANTICS, files, params, title)


ACTIVITIES = {
    "python-loop-steps": {
        "title": "Put the steps of a loop in order",
        "questions": [
            {
                "kind": "order",
                "text": "Put what a for loop over a list does in order.",
                "items": [
                    "Take the next item from the list",
                    "Run the indented lines with it",
                    "Go back for the next item",
                    "Stop when no items are left",
                ],
            },
            {
                "kind": "choice",
                "text": "What does len(basket) give for ['tea', 'milk', 'eggs']?",
                "options": ["2", "3", "'eggs'"],
                "correct": 1,
            },
        ],
    },
    "sql-joins": {
        "title": "Match each join to its result",
        "questions": [
            {
                "kind": "choice",
                "text": "Which join keeps only customers who have orders?",
                "options": ["INNER JOIN", "LEFT JOIN", "CROSS JOIN"],
                "correct": 0,
            },
            {
                "kind": "choice",
                "text": "Which join keeps every customer, even one with no orders?",
                "options": ["INNER JOIN", "LEFT JOIN", "A WHERE clause"],
                "correct": 1,
            },
            {
                "kind": "choice",
                "text": "How do you count the orders of each customer?",
                "options": [
                    "COUNT(*) with GROUP BY customer",
                    "ORDER BY customer",
                    "SELECT DISTINCT customer",
                ],
                "correct": 0,
            },
        ],
    },
    "writing-headings": {
        "title": "Pick the clearer heading",
        "questions": [
            {
                "kind": "choice",
                "text": "Which heading tells a scanning reader the most?",
                "options": [
                    "Information",
                    "Opening hours change on 1 March",
                    "Please read this important notice",
                ],
                "correct": 1,
            },
            {
                "kind": "choice",
                "text": "Which first sentence puts the point first?",
                "options": [
                    "Renew your permit by 30 June to keep parking.",
                    "As many of you know, permits have a history.",
                    "We would like to take this opportunity to remind you.",
                ],
                "correct": 0,
            },
        ],
    },
}
