"""cmi5 courses built by the tests: a cmi5.xml course structure and small
assignable units that use the real cmi5 client library (npm `@xapi/cmi5`,
installed by make) the way published units do, driven by buttons."""

import io
import zipfile
from pathlib import Path

from django.conf import settings

CLIENT = Path(settings.BASE_DIR) / "node_modules/@xapi/cmi5/dist/Cmi5.umd.js"

STRUCTURE = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/courses/{slug}">
    <title><langstring lang="en-US">{title}</langstring></title>
    <description><langstring lang="en-US">A test course.</langstring></description>
  </course>
  {units}
</courseStructure>
"""

UNIT = """<au id="https://example.com/courses/{slug}/{name}"
      moveOn="{move_on}"{mastery}{method}>
    <title><langstring lang="en-US">{title}</langstring></title>
    <description><langstring lang="en-US">Part {name}.</langstring></description>
    <url>{url}</url>
  </au>"""

AU_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script src="../cmi5.umd.js"></script>
</head>
<body>
<h1>{title}</h1>
<p id="state">starting</p>
<p id="mode"></p>
<p id="error"></p>
<button type="button" onclick="run(() => cmi5.complete())">Complete</button>
<button type="button" onclick="run(() => cmi5.pass({{scaled: 0.9}}))">Pass</button>
<button type="button" onclick="run(() => cmi5.fail({{scaled: 0.3}}))">Fail</button>
<button type="button" onclick="run(() => cmi5.terminate())">Finish</button>
<script>
var cmi5 = new Cmi5();
function show(id, text) {{ document.getElementById(id).textContent = text; }}
function run(step) {{
  show("state", "sending");
  step().then(function () {{ show("state", "sent"); }}, function (e) {{
    show("error", String(e && e.response ? e.response.status : e));
  }});
}}
cmi5.initialize().then(function () {{
  show("state", "initialized");
  show("mode", cmi5.getLaunchData().launchMode);
}}, function (e) {{ show("error", "initialize failed: " + e); }});
</script>
</body>
</html>
"""


def cmi5_zip(
    *,
    slug="safety",
    title="Data protection",
    units=(("intro", "Completed", None),),
    method="",
    structure=None,
    extra=None,
):
    """A cmi5 course as bytes: one unit page per (name, moveOn, mastery)."""
    parts = "".join(
        UNIT.format(
            slug=slug,
            name=name,
            move_on=move_on,
            mastery=f' masteryScore="{mastery}"' if mastery is not None else "",
            method=f' launchMethod="{method}"' if method else "",
            title=f"Part {name}",
            url=f"{name}/index.html",
        )
        for name, move_on, mastery in units
    )
    files = {
        "cmi5.xml": structure or STRUCTURE.format(slug=slug, title=title, units=parts)
    }
    for name, _move_on, _mastery in units:
        files[f"{name}/index.html"] = AU_PAGE.format(title=f"Part {name}")
    if CLIENT.exists():
        files["cmi5.umd.js"] = CLIENT.read_bytes()
    files.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
