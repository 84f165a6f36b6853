// Embedded AI tools may report a result with postMessage. Only messages from
// the block's exact configured origin are read, and they are only forwarded
// with the tool's launch token to the server, which checks it and decides.
(function () {
  "use strict";
  const blocks = Array.from(document.querySelectorAll("[data-ai-tool]"));
  if (!blocks.length) return;

  window.addEventListener("message", (event) => {
    const block = blocks.find((el) => {
      const frame = el.querySelector("iframe");
      return frame && frame.contentWindow === event.source && el.dataset.allowedOrigin === event.origin;
    });
    if (!block) return;
    const data = event.data;
    if (!data || data.type !== "coursewright:tool-result" || typeof data.token !== "string") return;
    const status = block.querySelector("[data-ai-tool-status]");
    fetch("/api/v1/ai-tools/complete", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: data.token, result: data.result || {} }),
    })
      .then((response) => response.json().then((body) => ({ ok: response.ok, body: body })))
      .then(({ ok, body }) => {
        if (!status) return;
        status.textContent = ok
          ? (body.lesson_completed ? "✓ The tool reported your result: lesson complete." : "The tool reported your result.")
          : (body.detail || "The result could not be recorded.");
      })
      .catch(() => { if (status) status.textContent = "The result could not be recorded; try again."; });
  });
})();
