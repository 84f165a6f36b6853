// Runs in the sandboxed player page (an opaque origin: no cookies, no access
// to the site). It plays the package with h5p-standalone and hands the
// lesson page, by postMessage, what the site must hear: xAPI statements,
// the learner's saved state, and how tall the activity is.
(function () {
  "use strict";
  const el = document.getElementById("h5p-player");
  if (!el || typeof H5PStandalone === "undefined") return;
  const parentOrigin = el.dataset.parentOrigin;

  // Without same-origin the page has no storage and reading it throws; H5P
  // core keeps its offline queue there, so it gets a store that lasts as
  // long as the page (the learner's state is saved on the server anyway).
  function memoryStorage() {
    const items = new Map();
    return {
      get length() { return items.size; },
      key: (index) => Array.from(items.keys())[index] ?? null,
      getItem: (key) => (items.has(String(key)) ? items.get(String(key)) : null),
      setItem: (key, value) => items.set(String(key), String(value)),
      removeItem: (key) => items.delete(String(key)),
      clear: () => items.clear(),
    };
  }
  ["localStorage", "sessionStorage"].forEach((name) => {
    try {
      window[name].length;
    } catch (error) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  });

  function tell(message) {
    window.parent.postMessage(Object.assign({ source: "coursewright-h5p" }, message), parentOrigin);
  }

  // State requests from the content frame (h5p-relay.js), answered by the
  // lesson page, which holds the session and the CSRF token.
  let next = 0;
  const waiting = {};
  window.coursewrightState = function (method, data) {
    return new Promise((resolve) => {
      next += 1;
      waiting[next] = resolve;
      tell({ kind: "state", id: next, method: method, data: data == null ? "" : String(data) });
    });
  };
  window.addEventListener("message", (event) => {
    const reply = event.data;
    if (event.source !== window.parent || !reply || reply.source !== "coursewright-lesson") return;
    const resolve = waiting[reply.id];
    if (!resolve) return;
    delete waiting[reply.id];
    resolve(reply);
  });

  // The lesson page sizes its frame to the activity.
  function watchSize() {
    const report = () =>
      tell({ kind: "size", height: Math.ceil(document.documentElement.getBoundingClientRect().height) });
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(report).observe(document.body);
    report();
  }

  const options = {
    id: "h5p-content",
    h5pJsonPath: el.dataset.h5pPath.replace(/\/$/, ""),
    frameJs: el.dataset.frameJs,
    frameCss: el.dataset.frameCss,
    // In this page, not in a frame of its own: a sandboxed page's child
    // frames get origins of their own, so H5P could not write into them.
    embedType: "div",
    saveFreq: 30,
    // Not a URL: h5p-relay.js routes requests to it through the lesson page.
    ajax: { contentUserDataUrl: "coursewright-state" },
    customJs: [el.dataset.relayJs],
    user: { name: "Learner", mail: "learner@invalid" },
  };
  new H5PStandalone.H5P(el, options)
    .then(() => {
      H5P.externalDispatcher.on("xAPI", (event) => {
        const statement = event.data && event.data.statement;
        // A plain copy: the statement object may hold functions.
        if (statement) tell({ kind: "xapi", statement: JSON.parse(JSON.stringify(statement)) });
      });
      tell({ kind: "ready" });
      watchSize();
    })
    .catch(() => tell({ kind: "failed" }));
})();
