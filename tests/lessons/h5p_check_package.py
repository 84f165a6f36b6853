"""A tiny H5P content type written for the tests ("H5P.CoursewrightCheck": a
true/false question that reports xAPI), packaged as a real .h5p archive, so
upload, extraction, playing and tracking are tested without any network."""

from demo.media.h5p import build_h5p

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


LIBRARY_JSON = {
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
SEMANTICS = [
    {"name": "question", "type": "text", "label": "Question"},
    {
        "name": "correct",
        "type": "select",
        "label": "Correct answer",
        "options": [
            {"value": "true", "label": "True"},
            {"value": "false", "label": "False"},
        ],
        "default": "true",
    },
]


def check_package(question="Paris is the capital of France.", correct="true"):
    """The bytes of the test package, built offline by pyh5p from the library
    above and read back with the same checks an upload gets."""
    return build_h5p(
        LIBRARY_JSON,
        SEMANTICS,
        {"check.js": CHECK_JS.encode()},
        {"question": question, "correct": correct},
        "Capital check",
    )
