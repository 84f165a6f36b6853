// The lesson page's side of the SCORM player: it listens to the package's
// frame (and only to it), saves the CMI data the runtime commits with this
// page's session and CSRF token, and sends what is unsaved as a beacon when
// the page closes. The server applies the block's completion rule.
(function () {
  "use strict";
  document.querySelectorAll("[data-scorm-player]").forEach(function (el) {
    const frame = el.querySelector("iframe");
    const status = el.querySelector("[data-scorm-status]");
    const csrf = el.dataset.csrfToken;
    // The SCO's latest data, and whether its session was closed (a final
    // commit); the page's closing beacon closes a session still open.
    let latest = null;
    let closed = true;
    let queue = Promise.resolve();
    const least = frame.offsetHeight || 300;
    const preview = el.dataset.preview;
    // Its instructor or staff trying it: the runtime plays, nothing is saved.
    if (preview) status.textContent = preview;

    function mark(sco) {
      if (!sco || !(sco.completed || sco.success)) return;
      const link = el.querySelector(`[data-scorm-activity="${CSS.escape(sco.id)}"]`);
      if (link) link.classList.add("scorm-block__done");
    }

    function save(commit) {
      queue = queue
        .then(() =>
          fetch(el.dataset.commitUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
            body: JSON.stringify(commit),
          })
        )
        .then((response) => response.json().then((result) => ({ ok: response.ok, result: result })))
        .then((reply) => {
          if (!reply.ok) {
            status.textContent = reply.result.error || el.dataset.failedText;
            return;
          }
          status.textContent = "";
          mark(reply.result.sco);
          document.dispatchEvent(new CustomEvent("coursewright:lesson-state", { detail: reply.result }));
        })
        .catch(() => {
          status.textContent = el.dataset.failedText;
        });
    }

    window.addEventListener("message", (event) => {
      const message = event.data;
      if (event.source !== frame.contentWindow || !message || message.source !== "coursewright-scorm") return;
      if (message.kind === "size" && Number.isFinite(message.height)) {
        // Never below the block's height, so a SCO that fills its window stays put.
        frame.style.height = Math.min(Math.max(Math.round(message.height), least), 4000) + "px";
        return;
      }
      if (preview) return;
      if (typeof message.sco !== "string" || !message.cmi || typeof message.cmi !== "object") return;
      latest = { sco: message.sco, cmi: message.cmi, final: message.final === true };
      closed = latest.final;
      if (message.kind === "commit") save(latest);
    });

    window.addEventListener("pagehide", () => {
      if (!latest || closed) return;
      const form = new URLSearchParams({
        csrfmiddlewaretoken: csrf,
        sco: latest.sco,
        cmi: JSON.stringify(latest.cmi),
        final: "true",
      });
      navigator.sendBeacon(el.dataset.commitUrl, form);
      closed = true;
    });

    // The frame may have told its height before this script ran; and each
    // page the package opens in it tells its own.
    const ask = () => frame.contentWindow.postMessage({ source: "coursewright-lesson", kind: "size?" }, "*");
    ask();
    frame.addEventListener("load", ask);

    el.querySelectorAll("[data-scorm-activity]").forEach((link) => {
      link.addEventListener("click", () => {
        el.querySelectorAll("[data-scorm-activity]").forEach((other) => other.removeAttribute("aria-current"));
        link.setAttribute("aria-current", "true");
      });
    });
  });
})();
