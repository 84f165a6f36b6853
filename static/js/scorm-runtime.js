// Runs first in every HTML page of a SCORM package, inside the lesson's
// sandboxed frame: scorm-again's real runtime on the SCO's own window
// (`API` for SCORM 1.2, `API_1484_11` for 2004), loaded with the learner's
// saved data that the server put in the page. Commits go to the lesson page
// by postMessage; the lesson page saves them with its session and CSRF
// token. The server decides what the data means.
(function () {
  "use strict";
  var element = document.getElementById("coursewright-scorm");
  if (!element || window.parent === window) return;
  var config = JSON.parse(element.textContent);
  var scorm12 = config.version === "1.2";

  function send(kind, cmi, final) {
    window.parent.postMessage(
      { source: "coursewright-scorm", kind: kind, sco: config.sco, cmi: cmi, final: !!final },
      config.parentOrigin
    );
  }

  // scorm-again's HTTP service, replaced: the sandboxed page has no cookie
  // and no way to the site but the lesson page.
  var transport = {
    updateSettings: function () {},
    processHttpRequest: function (url, params, immediate) {
      send("commit", params, immediate);
      return { result: "true", errorCode: 0 };
    },
  };
  var settings = {
    lmsCommitUrl: "lesson-page",
    httpService: transport,
    autocommit: true,
    autocommitSeconds: 10,
    logLevel: 5,
  };
  var api = scorm12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  api.loadFromFlattenedJSON(config.cmi);
  if (scorm12) window.API = api;
  else window.API_1484_11 = api;

  // The lesson page keeps the latest data, to send as a beacon if it
  // closes before the SCO commits.
  var timer = null;
  function latest() {
    timer = null;
    send("state", api.renderCommitCMI(true), false);
  }
  api.on(scorm12 ? "LMSSetValue.cmi.*" : "SetValue.cmi.*", function () {
    if (!timer) timer = setTimeout(latest, 200);
  });
  // The lesson page grows the frame to the content, so the SCO does not
  // scroll inside it.
  function size() {
    window.parent.postMessage(
      { source: "coursewright-scorm", kind: "size", height: document.documentElement.scrollHeight },
      config.parentOrigin
    );
  }
  if (window.ResizeObserver) new ResizeObserver(size).observe(document.documentElement);
  // The lesson page asks once its script runs, in case it missed the first.
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.kind === "size?") size();
  });
  window.addEventListener("pagehide", function () {
    if (api.isInitialized()) {
      if (scorm12) api.LMSFinish("");
      else api.Terminate("");
    }
  });
})();
