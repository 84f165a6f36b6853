// Plays uploaded H5P packages with h5p-standalone and sends the xAPI
// statements to the server, which keeps them as self-reported results and
// applies the block's completion rule.
(function () {
  "use strict";
  const players = document.querySelectorAll("[data-h5p-player]");
  if (!players.length || typeof H5PStandalone === "undefined") return;

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

  // The player's frame is on this origin: name it for screen readers and
  // keep it as tall as its content instead of the block's fixed height.
  function fitFrame(el) {
    const frame = el.querySelector("iframe");
    if (!frame) return;
    frame.title = el.dataset.title;
    if (typeof ResizeObserver === "undefined") return;
    let watched = null;
    const observer = new ResizeObserver(() => fit());
    function fit() {
      const body = frame.contentDocument && frame.contentDocument.body;
      if (!body) return;
      // H5P writes the frame's document itself, so its body can be replaced.
      if (body !== watched) {
        observer.disconnect();
        observer.observe(body);
        watched = body;
      }
      const height = Math.ceil(body.getBoundingClientRect().height);
      if (height > 0) {
        frame.style.height = height + "px";
        if (frame.parentElement !== el) frame.parentElement.style.height = "auto";
        el.style.minHeight = "0";
      }
    }
    frame.addEventListener("load", fit);
    fit();
  }

  players.forEach((el) => {
    const loading = el.querySelector("[data-h5p-loading]");
    const path = el.dataset.h5pPath.replace(/\/$/, "");
    const options = {
      id: "block-" + el.dataset.blockId,
      h5pJsonPath: path,
      frameJs: el.dataset.frameJs,
      frameCss: el.dataset.frameCss,
      saveFreq: 30,
      ajax: { contentUserDataUrl: el.dataset.stateUrl },
      customJs: [el.dataset.csrfJs],
      user: { name: "Learner", mail: "learner@invalid" },
    };
    new H5PStandalone.H5P(el, options).then(() => {
      if (loading) loading.remove();
      fitFrame(el);
      H5P.externalDispatcher.on("xAPI", (event) => {
        const statement = event.data && event.data.statement;
        if (!statement) return;
        post(el.dataset.xapiUrl, el.dataset.csrfToken, statement);
      });
      post(el.dataset.xapiUrl, el.dataset.csrfToken, { verb: { id: "http://adlnet.gov/expapi/verbs/attempted" } });
    }).catch(() => {
      if (loading) loading.textContent = "The activity could not be loaded.";
    });
  });
})();
