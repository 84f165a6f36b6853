"""The demo's cmi5 courses, one per course: an assignable unit of
Coursewright's own, a checklist of good habits, that talks to the platform with the cmi5
client library every cmi5 unit can use (npm `@xapi/cmi5`, bundled into the
package as an authoring tool would) and says "completed" when the learner
has ticked every point."""

import io
import zipfile
from html import escape
from pathlib import Path

from django.conf import settings

CLIENT = Path(settings.BASE_DIR) / "node_modules/@xapi/cmi5/dist/Cmi5.umd.js"

PACKAGES = {
    "python-habits": {
        "title": "Habits of readable Python",
        "course_id": "https://coursewright.example/cmi5/python-habits",
        "points": [
            "Name a variable after what it holds, not its type.",
            "Keep a function to one job you can say in a sentence.",
            "Let the loop say what it does: for name in names.",
            "Run the code after each small change.",
        ],
    },
    "sql-habits": {
        "title": "Habits of careful queries",
        "course_id": "https://coursewright.example/cmi5/sql-habits",
        "points": [
            "Name the columns you want instead of SELECT *.",
            "Filter with WHERE before you sort or group.",
            "Check the row count before and after a JOIN.",
            "Try an UPDATE as a SELECT first.",
        ],
    },
    "plain-checklist": {
        "title": "A checklist for plain writing",
        "course_id": "https://coursewright.example/cmi5/plain-writing",
        "points": [
            "Put the point in the first sentence.",
            "Use the words your reader uses, not the organisation's.",
            "Keep most sentences under 25 words.",
            "Turn a list of conditions into bullet points.",
        ],
    }
}

STRUCTURE = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="{course_id}">
    <title><langstring lang="en">{title}</langstring></title>
    <description><langstring lang="en">Four good habits.</langstring></description>
  </course>
  <au id="{course_id}/checklist" moveOn="Completed" launchMethod="AnyWindow">
    <title><langstring lang="en">{title}</langstring></title>
    <description><langstring lang="en">Tick each point as you take it in.</langstring></description>
    <url>checklist/index.html</url>
  </au>
</courseStructure>
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; color: #1f2933; margin: 1.25rem; }}
h1 {{ font-size: 1.3rem; margin: 0 0 .5rem; }}
ul {{ list-style: none; padding: 0; }}
li {{ margin: .5rem 0; }}
label {{ display: flex; gap: .6rem; align-items: flex-start; }}
input {{ width: 1.2rem; height: 1.2rem; margin-top: .15rem; }}
button {{ font: inherit; padding: .55rem 1.1rem; border: 0; border-radius: 6px;
  background: #1d4ed8; color: #fff; cursor: pointer; }}
button:disabled {{ background: #9aa5b1; cursor: default; }}
#status {{ margin-top: .75rem; color: #52606d; }}
</style>
<script src="../cmi5.umd.js"></script>
</head>
<body>
<h1>{title}</h1>
<p>Tick each point once you have read it.</p>
<ul>{points}</ul>
<button type="button" id="done" disabled>I have read them all</button>
<p id="status" role="status">Connecting…</p>
<script>
var cmi5 = new Cmi5();
var boxes = Array.prototype.slice.call(document.querySelectorAll("input"));
var button = document.getElementById("done");
var statusLine = document.getElementById("status");
var ready = false;
function update() {{
  button.disabled = !ready || !boxes.every(function (box) {{ return box.checked; }});
}}
boxes.forEach(function (box) {{ box.addEventListener("change", update); }});
cmi5.initialize().then(function () {{
  ready = true;
  statusLine.textContent = {{
    Normal: "Your progress is saved as you go.",
    Review: "You finished this part before: look back as you like.",
    Browse: "A preview: nothing you do here is saved."
  }}[cmi5.getLaunchData().launchMode];
  update();
}}, function () {{ statusLine.textContent = "This part could not reach the course."; }});
button.addEventListener("click", function () {{
  button.disabled = true;
  var normal = cmi5.getLaunchData().launchMode === "Normal";
  (normal ? cmi5.complete() : Promise.resolve()).then(function () {{
    return cmi5.terminate();
  }}).then(function () {{
    statusLine.textContent = "Done. Well read!";
    var back = cmi5.getLaunchData().returnURL;
    if (back) {{ window.location.href = back; }}
  }}, function () {{ statusLine.textContent = "That did not save; try again."; button.disabled = false; }});
}});
</script>
</body>
</html>
"""


def package_bytes(slug):
    """The course as a ZIP, as a cmi5 authoring tool would export it."""
    package = PACKAGES[slug]
    points = "".join(
        f'<li><label><input type="checkbox"> {escape(point)}</label></li>'
        for point in package["points"]
    )
    files = {
        "cmi5.xml": STRUCTURE.format(
            course_id=package["course_id"], title=escape(package["title"])
        ),
        "checklist/index.html": PAGE.format(title=escape(package["title"]), points=points),
        "cmi5.umd.js": CLIENT.read_bytes(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
