"""The demo's SCORM packages, one per course (1.2 for Python, 2004 for SQL
and writing): a small SCO of Coursewright's own that asks three questions,
keeps the learner's place, records each answer as an interaction and passes
at two right answers out of three by the manifest's mastery or passing
score. It talks only to the runtime the platform gives it, like any package
an authoring tool exports."""

import io
import json
import zipfile
from html import escape

PACKAGES = {
    "front-load": {
        "version": "2004",
        "title": "Spot the sentence that puts the point first",
        "intro": "Choose the better sentence each time.",
        "questions": [
            {
                "id": "opening-hours",
                "text": "Which sentence puts the point first?",
                "options": [
                    "Following a review, and in line with feedback, opening hours "
                    "change from 1 March.",
                    "From 1 March we open at 8am, an hour earlier.",
                ],
                "correct": 1,
            },
            {
                "id": "parking",
                "text": "Which one does a hurried reader act on?",
                "options": [
                    "Park in the north car park during the works.",
                    "As you may know, works are planned, so with that in mind, "
                    "please consider the north car park.",
                ],
                "correct": 0,
            },
            {
                "id": "deadline",
                "text": "Which subject line says what to do?",
                "options": [
                    "Update regarding the upcoming submission process",
                    "Send your timesheet by Friday noon",
                ],
                "correct": 1,
            },
        ],
    },
    "python-values": {
        "version": "1.2",
        "title": "Which value is it?",
        "intro": "Work out what Python gives back each time.",
        "questions": [
            {
                "id": "len",
                "text": "What is len([3, 1, 2])?",
                "options": ["2", "3", "6"],
                "correct": 1,
            },
            {
                "id": "index",
                "text": "What is [3, 1, 2][0]?",
                "options": ["3", "1", "0"],
                "correct": 0,
            },
            {
                "id": "range",
                "text": "How many numbers does range(5) give?",
                "options": ["4", "5", "6"],
                "correct": 1,
            },
        ],
    },
    "sql-clauses": {
        "version": "2004",
        "title": "Which clause does it?",
        "intro": "Pick the SQL clause that does the job.",
        "questions": [
            {
                "id": "where",
                "text": "Which clause keeps only some rows?",
                "options": ["ORDER BY", "WHERE", "SELECT"],
                "correct": 1,
            },
            {
                "id": "order",
                "text": "Which clause sorts the result?",
                "options": ["ORDER BY", "GROUP BY", "LIMIT"],
                "correct": 0,
            },
            {
                "id": "group",
                "text": "Which clause makes one row per customer?",
                "options": ["JOIN", "HAVING", "GROUP BY"],
                "correct": 2,
            },
        ],
    },
}

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="coursewright-{slug}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="{slug}" identifierref="sco">
        <title>{title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="{slug}" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormType="sco"
      href="index.html">
      <file href="index.html"/><file href="sco.js"/><file href="sco.css"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="coursewright-{slug}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="{slug}" identifierref="sco">
        <title>{title}</title>
        <adlcp:masteryscore>60</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco"
      href="index.html">
      <file href="index.html"/><file href="sco.js"/><file href="sco.css"/>
    </resource>
  </resources>
</manifest>
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="sco.css">
<script src="sco.js" defer></script>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{intro} Two right answers out of three pass.</p>
<form id="questions">
{questions}
<button type="submit">Check my answers</button>
</form>
<p id="result" role="status"></p>
</main>
<script type="application/json" id="answers">{answers}</script>
<script type="application/json" id="version">"{version}"</script>
</body>
</html>
"""

SCRIPT = """// Finds the runtime as every SCO does (on this window, then up) and
// speaks its version: SCORM 1.2's API or SCORM 2004's API_1484_11.
(function () {
  "use strict";
  var scorm12 = JSON.parse(document.getElementById("version").textContent) === "1.2";
  var name = scorm12 ? "API" : "API_1484_11";
  function findAPI(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      try { if (win[name]) return win[name]; } catch (e) {}
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window);
  var form = document.getElementById("questions");
  var result = document.getElementById("result");
  var answers = JSON.parse(document.getElementById("answers").textContent);
  if (!api) {
    result.textContent = "This activity needs a learning platform to save results.";
    return;
  }
  var call = scorm12
    ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit" };
  var element = scorm12
    ? { location: "cmi.core.lesson_location", exit: "cmi.core.exit", raw: "cmi.core.score.raw",
        min: "cmi.core.score.min", max: "cmi.core.score.max", response: "student_response" }
    : { location: "cmi.location", exit: "cmi.exit", raw: "cmi.score.raw",
        min: "cmi.score.min", max: "cmi.score.max", response: "learner_response" };
  function get(key) { return api[call.get](key); }
  function set(key, value) { return api[call.set](key, value); }
  api[call.init]("");
  // Where the learner was: the answers chosen so far.
  var saved = {};
  try { saved = JSON.parse(get("cmi.suspend_data") || "{}"); } catch (e) {}
  Object.keys(saved).forEach(function (id) {
    var input = form.querySelector('input[name="' + id + '"][value="' + saved[id] + '"]');
    if (input) input.checked = true;
  });
  form.addEventListener("change", function () {
    var chosen = {};
    new FormData(form).forEach(function (value, key) { chosen[key] = value; });
    set("cmi.suspend_data", JSON.stringify(chosen));
    set(element.location, String(Object.keys(chosen).length));
    set(element.exit, "suspend");
    api[call.commit]("");
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var right = 0;
    answers.forEach(function (question, index) {
      var input = form.querySelector('input[name="' + question.id + '"]:checked');
      var correct = input && Number(input.value) === question.correct;
      if (correct) right += 1;
      var n = "cmi.interactions." + index + ".";
      set(n + "id", question.id);
      set(n + "type", "choice");
      set(n + element.response, input ? input.value : "");
      set(n + "result", correct ? "correct" : scorm12 ? "wrong" : "incorrect");
    });
    var percent = Math.round((100 * right) / answers.length);
    set(element.raw, String(percent));
    set(element.min, "0");
    set(element.max, "100");
    var passed;
    if (scorm12) {
      // A 1.2 SCO judges itself against the mastery score the platform gives.
      var mastery = parseFloat(get("cmi.student_data.mastery_score"));
      passed = percent >= (isNaN(mastery) ? 60 : mastery);
      set("cmi.core.lesson_status", passed ? "passed" : "failed");
      api[call.commit]("");
    } else {
      set("cmi.score.scaled", (right / answers.length).toFixed(2));
      set("cmi.completion_status", "completed");
      api[call.commit]("");
      passed = get("cmi.success_status") === "passed";
    }
    result.textContent = right + " of " + answers.length + " right. " +
      (passed ? "Passed." : "Try again.");
  });
})();
"""

STYLE = """body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1d2433; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
fieldset { border: 1px solid #c9cfdb; border-radius: 8px; margin: 0 0 1rem; }
label { display: block; padding: .35rem 0; }
button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 0;
  background: #1f4fd1; color: #fff; }
#result { font-weight: 600; }
"""


def _questions(questions):
    blocks = []
    for question in questions:
        options = "".join(
            f'<label><input type="radio" name="{question["id"]}" value="{n}"> '
            f"{escape(option)}</label>"
            for n, option in enumerate(question["options"])
        )
        blocks.append(
            f"<fieldset><legend>{escape(question['text'])}</legend>{options}</fieldset>"
        )
    return "\n".join(blocks)


def package_bytes(slug):
    package = PACKAGES[slug]
    questions = package["questions"]
    answers = [{"id": q["id"], "correct": q["correct"]} for q in questions]
    manifest = MANIFEST_12 if package["version"] == "1.2" else MANIFEST_2004
    title = escape(package["title"])
    files = {
        "imsmanifest.xml": manifest.format(title=title, slug=slug),
        "index.html": PAGE.format(
            title=title,
            intro=escape(package["intro"]),
            questions=_questions(questions),
            answers=json.dumps(answers),
            version=package["version"],
        ),
        "sco.js": SCRIPT,
        "sco.css": STYLE,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
