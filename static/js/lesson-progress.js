// Reports time spent and video progress of an open lesson to the server.
// The server decides what counts; this script only tells it what happened.
(function () {
  "use strict";
  const panel = document.querySelector("[data-lesson-progress]");
  if (!panel) return;

  const url = panel.dataset.progressUrl;
  const csrfToken = panel.dataset.csrfToken;
  const statusEl = panel.querySelector("[data-completion-status]");
  const HEARTBEAT_SECONDS = 30;
  let reportedPercent = 0;
  let completed = false;

  function post(body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, Accept: "application/json" },
      body: JSON.stringify(body),
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((result) => result && show(result))
      .catch(() => {});
  }

  function show(result) {
    if (result.lesson_completed && !completed) {
      completed = true;
      statusEl.textContent = "✓ " + (panel.dataset.completedText || "Lesson complete.");
    } else if (!completed && statusEl.querySelector("[data-watched]")) {
      statusEl.querySelector("[data-watched]").textContent = "Watched so far: " + result.watched_percent + "%.";
    }
  }

  function reportPercent(percent) {
    const rounded = Math.min(100, Math.floor(percent));
    if (rounded >= reportedPercent + 5 || (rounded === 100 && reportedPercent < 100)) {
      reportedPercent = rounded;
      post({ watched_percent: rounded });
    }
  }

  // Time on the lesson, counted only while the page is visible.
  setInterval(() => {
    if (document.visibilityState === "visible") post({ seconds: HEARTBEAT_SECONDS });
  }, HEARTBEAT_SECONDS * 1000);

  // Uploaded videos: the HTML5 player.
  document.querySelectorAll(".video-block video").forEach((video) => {
    let furthest = 0;
    video.addEventListener("timeupdate", () => {
      if (!video.duration) return;
      furthest = Math.max(furthest, video.currentTime);
      reportPercent((100 * furthest) / video.duration);
    });
  });

  // YouTube and Vimeo players talk through postMessage; accept only their origins.
  const players = {
    "https://www.youtube-nocookie.com": (frame) => {
      frame.contentWindow.postMessage(JSON.stringify({ event: "listening", id: frame.id }), "*");
    },
    "https://player.vimeo.com": (frame) => {
      frame.contentWindow.postMessage(JSON.stringify({ method: "addEventListener", value: "timeupdate" }), "https://player.vimeo.com");
    },
  };
  const furthestByFrame = new Map();
  document.querySelectorAll(".video-block iframe").forEach((frame, index) => {
    const origin = new URL(frame.src).origin;
    if (!players[origin]) return;
    frame.id = frame.id || "lesson-video-" + index;
    frame.addEventListener("load", () => players[origin](frame));
  });
  window.addEventListener("message", (event) => {
    if (!players[event.origin]) return;
    let data;
    try { data = typeof event.data === "string" ? JSON.parse(event.data) : event.data; } catch (e) { return; }
    let percent = null;
    if (data && data.info && data.info.duration) percent = (100 * data.info.currentTime) / data.info.duration;
    if (data && data.event === "timeupdate" && data.data) percent = 100 * data.data.percent;
    if (percent === null || Number.isNaN(percent)) return;
    const key = event.source;
    const furthest = Math.max(furthestByFrame.get(key) || 0, percent);
    furthestByFrame.set(key, furthest);
    reportPercent(furthest);
  });
})();
