"""A tiny H5P content type written for the tests ("H5P.CoursewrightCheck": a
true/false question that reports xAPI), packaged as a real .h5p archive, so
upload, extraction, playing and tracking are tested without any network."""

import io
import json
import zipfile

from pyh5p import read_package

LIBRARY = "H5P.CoursewrightCheck"

CHECK_JS = """
var H5P = H5P || {};
H5P.CoursewrightCheck = (function () {
  function Check(params, contentId) {
    H5P.EventDispatcher.call(this);
    this.params = params;
    this.contentId = contentId;
  }
  Check.prototype = Object.create(H5P.EventDispatcher.prototype);
  Check.prototype.constructor = Check;
  Check.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get ? $container.get(0) : $container[0];
    root.innerHTML = "";
    var question = document.createElement("p");
    question.textContent = self.params.question;
    root.appendChild(question);
    ["true", "false"].forEach(function (answer) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = answer === "true" ? "True" : "False";
      button.addEventListener("click", function () {
        var score = answer === self.params.correct ? 1 : 0;
        self.triggerXAPIScored(score, 1, "answered", true, score === 1);
        self.triggerXAPIScored(score, 1, "completed", true, score === 1);
        button.textContent += " (sent)";
      });
      root.appendChild(button);
    });
  };
  return Check;
})();
"""


def check_package(question="Paris is the capital of France.", correct="true"):
    """The bytes of the test package, checked with pyh5p like any upload."""
    files = {
        "h5p.json": json.dumps(
            {
                "title": "Capital check",
                "language": "en",
                "mainLibrary": LIBRARY,
                "embedTypes": ["div"],
                "license": "U",
                "preloadedDependencies": [
                    {"machineName": LIBRARY, "majorVersion": 1, "minorVersion": 0}
                ],
            }
        ),
        "content/content.json": json.dumps({"question": question, "correct": correct}),
        f"{LIBRARY}-1.0/library.json": json.dumps(
            {
                "title": "Coursewright check",
                "machineName": LIBRARY,
                "majorVersion": 1,
                "minorVersion": 0,
                "patchVersion": 0,
                "runnable": 1,
                "license": "MIT",
                "author": "Coursewright tests",
                "embedTypes": ["div"],
                "coreApi": {"majorVersion": 1, "minorVersion": 24},
                "preloadedJs": [{"path": "check.js"}],
            }
        ),
        f"{LIBRARY}-1.0/check.js": CHECK_JS,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    data = buffer.getvalue()
    read_package(data)  # the same checks an upload gets
    return data
