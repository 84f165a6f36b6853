"""SCORM packages built by the tests: a manifest and small SCOs that find
the runtime the way real ones do (walking up from their own window) and
call it from buttons."""

import io
import zipfile

SCO_12 = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script>
function findAPI(win) {{
  for (var depth = 0; win && depth < 10; depth++) {{
    try {{ if (win.API) return win.API; }} catch (e) {{}}
    if (win.parent === win) break;
    win = win.parent;
  }}
  return null;
}}
var api = findAPI(window);
function show(id, text) {{ document.getElementById(id).textContent = text; }}
function start() {{
  show("found", api ? "API found" : "no API");
  api.LMSInitialize("");
  show("location", api.LMSGetValue("cmi.core.lesson_location") || "start");
  show("entry", api.LMSGetValue("cmi.core.entry"));
  show("learner", api.LMSGetValue("cmi.core.student_id"));
}}
function goTo(page) {{
  api.LMSSetValue("cmi.core.lesson_location", page);
  api.LMSSetValue("cmi.core.exit", "suspend");
  api.LMSSetValue("cmi.suspend_data", "seen:" + page);
  api.LMSCommit("");
  show("location", page);
}}
function finish(status, score) {{
  api.LMSSetValue("cmi.core.score.raw", score);
  api.LMSSetValue("cmi.core.lesson_status", status);
  api.LMSCommit("");
  show("status", status);
}}
</script>
</head>
<body onload="start()">
<h1>{title}</h1>
<p id="found"></p>
<p>Location: <span id="location"></span></p>
<p>Entry: <span id="entry"></span></p>
<p>Learner: <span id="learner"></span></p>
<p>Status: <span id="status"></span></p>
<button type="button" onclick="goTo('page-3')">Go to page 3</button>
<button type="button" onclick="finish('passed', '90')">Pass</button>
<button type="button" onclick="finish('completed', '')">Complete</button>
<button type="button" onclick="finish('failed', '20')">Fail</button>
</body>
</html>
"""

SCO_2004 = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script>
function findAPI(win) {{
  for (var depth = 0; win && depth < 10; depth++) {{
    try {{ if (win.API_1484_11) return win.API_1484_11; }} catch (e) {{}}
    if (win.parent === win) break;
    win = win.parent;
  }}
  return null;
}}
var api = findAPI(window);
function show(id, text) {{ document.getElementById(id).textContent = text; }}
function start() {{
  show("found", api ? "API_1484_11 found" : "no API");
  api.Initialize("");
  show("location", api.GetValue("cmi.location") || "start");
  show("entry", api.GetValue("cmi.entry"));
  show("learner", api.GetValue("cmi.learner_id"));
}}
function goTo(page) {{
  api.SetValue("cmi.location", page);
  api.SetValue("cmi.exit", "suspend");
  api.SetValue("cmi.suspend_data", "seen:" + page);
  api.SetValue("cmi.interactions.0.id", "q1");
  api.SetValue("cmi.interactions.0.type", "true-false");
  api.SetValue("cmi.interactions.0.learner_response", "true");
  api.SetValue("cmi.interactions.0.result", "correct");
  api.Commit("");
  show("location", page);
}}
function finish(completion, success, scaled) {{
  if (scaled !== "") api.SetValue("cmi.score.scaled", scaled);
  api.SetValue("cmi.completion_status", completion);
  if (success) api.SetValue("cmi.success_status", success);
  api.Commit("");
  show("status", completion + " " + success);
}}
</script>
</head>
<body onload="start()">
<h1>{title}</h1>
<p id="found"></p>
<p>Location: <span id="location"></span></p>
<p>Entry: <span id="entry"></span></p>
<p>Learner: <span id="learner"></span></p>
<p>Status: <span id="status"></span></p>
<button type="button" onclick="goTo('page-3')">Go to page 3</button>
<button type="button" onclick="finish('completed', 'passed', '0.9')">Pass</button>
<button type="button" onclick="finish('completed', '', '')">Complete</button>
<button type="button" onclick="finish('completed', 'failed', '0.2')">Fail</button>
</body>
</html>
"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="course-12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      {items}
    </organization>
  </organizations>
  <resources>{resources}</resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="course-2004" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      {items}
      {sequencing}
    </organization>
  </organizations>
  <resources>{resources}</resources>
</manifest>
"""


def scorm_zip(
    version="1.2",
    *,
    title="Safety basics",
    scos=("sco-1",),
    extra=None,
    manifest=None,
    sequencing="",
    item_xml="",
):
    """A SCORM package as bytes: one item and one SCO page per name."""
    page = SCO_12 if version == "1.2" else SCO_2004
    items = "".join(
        f'<item identifier="{name}" identifierref="res-{name}">'
        f"<title>Part {index}</title>{item_xml}</item>"
        for index, name in enumerate(scos, start=1)
    )
    resources = "".join(
        f'<resource identifier="res-{name}" type="webcontent" '
        f'adlcp:{"scormtype" if version == "1.2" else "scormType"}="sco" '
        f'href="{name}/index.html"><file href="{name}/index.html"/></resource>'
        for name in scos
    )
    template = MANIFEST_12 if version == "1.2" else MANIFEST_2004
    text = manifest or template.format(
        title=title, items=items, resources=resources, sequencing=sequencing
    )
    files = {"imsmanifest.xml": text}
    for index, name in enumerate(scos, start=1):
        files[f"{name}/index.html"] = page.format(title=f"Part {index}")
    files.update(extra or {})
    return zip_of(files)


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
