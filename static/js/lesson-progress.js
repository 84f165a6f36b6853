// Reports time spent and the parts of each video really watched. The server
// merges the watched segments and decides what counts; this script only tells
// it what happened.
(function () {
  "use strict";
  const panel = document.querySelector("[data-lesson-progress]");
  if (!panel) return;

  const url = panel.dataset.progressUrl;
  const csrfToken = panel.dataset.csrfToken;
  const statusEl = panel.querySelector("[data-completion-status]");
  const HEARTBEAT_SECONDS = 30;
  const REPORT_SECONDS = 10;
  let completed = false;

  function post(body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, Accept: "application/json" },
      body: JSON.stringify(body),
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((result) => { if (result) show(result); return result; })
      .catch(() => null);
  }

  function show(result) {
    if (result.lesson_completed && !completed) {
      completed = true;
      statusEl.textContent = "✓ " + (panel.dataset.completedText || "Lesson complete.");
    } else if (!completed && statusEl.querySelector("[data-watched]")) {
      statusEl.querySelector("[data-watched]").textContent = "Watched so far: " + result.watched_percent + "%.";
    }
  }

  // Time on the lesson, counted only while the page is visible.
  setInterval(() => {
    if (document.visibilityState === "visible") post({ seconds: HEARTBEAT_SECONDS });
  }, HEARTBEAT_SECONDS * 1000);

  // One tracker per video: it turns "the player is at t" ticks into watched
  // segments; a jump (seek) closes the segment instead of stretching it.
  function tracker(figure) {
    const blockId = figure.dataset.blockId;
    let duration = 0, position = 0, segment = null, pending = [];

    function close() {
      if (segment && segment[1] > segment[0]) pending.push(segment);
      segment = null;
    }
    function send() {
      close();
      if (!duration || (!pending.length && !position)) return;
      const segments = pending;
      pending = [];
      post({ block_id: blockId, segments: segments, duration: duration, position: position }).then((result) => {
        if (result === null) pending = segments.concat(pending); // retry next time
      });
    }
    setInterval(send, REPORT_SECONDS * 1000);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") send(); });
    return {
      start: Number(figure.dataset.start || 0),
      tick(time, length, playing) {
        if (length) duration = length;
        if (!playing) { close(); position = time; return; }
        if (segment && time >= segment[1] && time - segment[1] < 2.5) segment[1] = time;
        else { close(); segment = [time, time]; }
        position = time;
      },
      flush: send,
    };
  }

  // Uploaded videos: the HTML5 player.
  document.querySelectorAll(".video-block video").forEach((video) => {
    const track = tracker(video.closest(".video-block"));
    video.addEventListener("loadedmetadata", () => {
      if (track.start > 0 && track.start < video.duration - 5) video.currentTime = track.start;
    });
    video.addEventListener("timeupdate", () => track.tick(video.currentTime, video.duration, !video.paused && !video.seeking));
    video.addEventListener("seeking", () => track.tick(video.currentTime, video.duration, false));
    ["pause", "ended"].forEach((name) => video.addEventListener(name, () => { track.tick(video.currentTime, video.duration, false); track.flush(); }));
  });

  // YouTube and Vimeo players speak their postMessage APIs; accept only their origins.
  const players = {
    "https://www.youtube-nocookie.com": (frame) => {
      frame.contentWindow.postMessage(JSON.stringify({ event: "listening", id: frame.id }), "https://www.youtube-nocookie.com");
    },
    "https://player.vimeo.com": (frame) => {
      ["timeupdate", "pause", "seeked"].forEach((name) =>
        frame.contentWindow.postMessage(JSON.stringify({ method: "addEventListener", value: name }), "https://player.vimeo.com"));
    },
  };
  const trackers = new Map();
  document.querySelectorAll(".video-block iframe").forEach((frame, index) => {
    const origin = new URL(frame.src).origin;
    if (!players[origin]) return;
    frame.id = frame.id || "lesson-video-" + index;
    trackers.set(frame.contentWindow, tracker(frame.closest(".video-block")));
    frame.addEventListener("load", () => players[origin](frame));
  });
  window.addEventListener("message", (event) => {
    if (!players[event.origin]) return;
    const track = trackers.get(event.source);
    if (!track) return;
    let data;
    try { data = typeof event.data === "string" ? JSON.parse(event.data) : event.data; } catch (e) { return; }
    if (data && data.info && typeof data.info.currentTime === "number") {
      track.tick(data.info.currentTime, data.info.duration, data.info.playerState === 1); // YouTube
    } else if (data && data.event === "timeupdate" && data.data) {
      track.tick(data.data.seconds, data.data.duration, true); // Vimeo
    } else if (data && (data.event === "pause" || data.event === "seeked") && data.data) {
      track.tick(data.data.seconds, data.data.duration, false);
    }
  });
})();
