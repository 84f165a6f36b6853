// Embedded AI tools report a result with postMessage. Only messages from the
// block's own frame are read, and they are only passed on to the server:
// - {result_token}: signed by the tool's server; the server checks it;
// - {token, result}: the tool's page speaking through the learner's browser,
//   passed on with the learner's session and kept as self-reported.
(function () {
  "use strict";
  const blocks = Array.from(document.querySelectorAll("[data-ai-tool]"));
  if (!blocks.length) return;

  function fromBlock(event) {
    return blocks.find((el) => {
      const frame = el.querySelector("iframe");
      if (!frame || frame.contentWindow !== event.source) return false;
      // A tool served from this site runs sandboxed with an opaque origin.
      const opaque = !(frame.getAttribute("sandbox") || "").includes("allow-same-origin");
      return event.origin === el.dataset.allowedOrigin || (opaque && event.origin === "null");
    });
  }

  window.addEventListener("message", (event) => {
    const block = fromBlock(event);
    const data = event.data;
    if (!block || !data || data.type !== "coursewright:tool-result") return;
    let url, body;
    if (typeof data.result_token === "string") {
      url = "/api/v1/ai-tools/complete";
      body = { result_token: data.result_token };
    } else if (typeof data.token === "string") {
      url = "/api/v1/ai-tools/claim";
      body = { token: data.token, result: data.result || {} };
    } else {
      return;
    }
    const status = block.querySelector("[data-ai-tool-status]");
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": block.dataset.csrfToken },
      body: JSON.stringify(body),
    })
      .then((response) => response.json().then((result) => ({ ok: response.ok, result: result })))
      .then(({ ok, result }) => {
        if (ok) document.dispatchEvent(new CustomEvent("coursewright:lesson-state", { detail: result }));
        if (!status) return;
        if (!ok) status.textContent = result.detail || "The result could not be recorded.";
        else if (result.verified) status.textContent = "✓ The tool sent your result.";
        else status.textContent = "Your browser passed on the tool's result (self-reported).";
      })
      .catch(() => { if (status) status.textContent = "The result could not be recorded; try again."; });
  });
})();
