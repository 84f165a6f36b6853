// The lesson page's side of the sandboxed H5P player: it listens to the
// player frame (and only to it), sends its xAPI statements and the
// learner's saved state to the server with this page's session and CSRF
// token, and sizes the frame to the activity. The server keeps statements
// as self-reported results and applies the block's completion rule. In a
// preview (its instructor or staff, not enrolled) nothing is sent: the
// activity starts fresh and its answers are not kept.
(function () {
  "use strict";
  const players = document.querySelectorAll("[data-h5p-player]");
  if (!players.length) return;

  // One id per page view, so the view is counted once however many
  // "attempted" statements announce it.
  const view = window.crypto && crypto.randomUUID ? crypto.randomUUID() : Date.now() + "-" + Math.random();

  // Statements go one at a time, in the order the activity sent them.
  let queue = Promise.resolve();
  function post(url, csrf, body) {
    queue = queue.then(() => send(url, csrf, body));
    return queue;
  }
  function send(url, csrf, body) {
    return fetch(url + "?view=" + encodeURIComponent(view), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(body),
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((result) => {
        if (result) document.dispatchEvent(new CustomEvent("coursewright:lesson-state", { detail: result }));
        return result;
      })
      .catch(() => null);
  }

  function state(el, message) {
    if ("preview" in el.dataset) {
      const body = message.method === "POST" ? { success: true } : { success: true, data: false };
      return Promise.resolve({ status: 200, body: JSON.stringify(body) });
    }
    const request =
      message.method === "POST"
        ? {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": el.dataset.csrfToken },
            body: message.data,
          }
        : { method: "GET", headers: { Accept: "application/json" } };
    request.credentials = "same-origin";
    return fetch(el.dataset.stateUrl, request)
      .then((response) => response.text().then((body) => ({ status: response.status, body: body })))
      .catch(() => ({ status: 0, body: "" }));
  }

  players.forEach((el) => {
    const frame = el.querySelector("iframe");
    const loading = el.querySelector("[data-h5p-loading]");
    if (!frame) return;
    window.addEventListener("message", (event) => {
      const message = event.data;
      if (event.source !== frame.contentWindow || !message || message.source !== "coursewright-h5p") return;
      const preview = "preview" in el.dataset;
      if (message.kind === "ready") {
        if (loading) loading.remove();
        if (!preview) post(el.dataset.xapiUrl, el.dataset.csrfToken, { verb: { id: "http://adlnet.gov/expapi/verbs/attempted" } });
      } else if (message.kind === "failed") {
        if (loading) loading.textContent = el.dataset.failedText;
      } else if (message.kind === "xapi" && message.statement && typeof message.statement === "object") {
        if (!preview) post(el.dataset.xapiUrl, el.dataset.csrfToken, message.statement);
      } else if (message.kind === "state" && /^(GET|POST)$/.test(message.method)) {
        state(el, message).then((reply) => {
          // The sandboxed frame's origin is opaque, so it cannot be named.
          frame.contentWindow.postMessage(
            { source: "coursewright-lesson", id: message.id, status: reply.status, body: reply.body },
            "*"
          );
        });
      } else if (message.kind === "size" && Number.isFinite(message.height)) {
        const height = Math.min(Math.max(Math.round(message.height), 60), 4000);
        frame.style.height = height + "px";
        el.style.minHeight = "0";
      }
    });
  });
})();
