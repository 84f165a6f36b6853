// Reports time spent and the parts of each video really watched. The server
// merges the watched segments and decides what counts; this script only tells
// it what happened.
(function () {
  "use strict";
  const panel = document.querySelector("[data-lesson-progress]");
  if (!panel) return;

  const url = panel.dataset.progressUrl;
  const csrfToken = panel.dataset.csrfToken;
  const HEARTBEAT_SECONDS = 30;
  const REPORT_SECONDS = 10;

  // Reports go one at a time, so the server sees them in order.
  let queue = Promise.resolve();
  function post(body) {
    queue = queue.then(() => send(body));
    return queue;
  }

  function send(body) {
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
    document.dispatchEvent(new CustomEvent("coursewright:lesson-state", { detail: result }));
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

  // Vimeo through its official player library (npm @vimeo/player).
  document.querySelectorAll('.video-block[data-provider="vimeo"] iframe').forEach((frame) => {
    if (typeof Vimeo === "undefined") return;
    const track = tracker(frame.closest(".video-block"));
    const player = new Vimeo.Player(frame);
    player.on("timeupdate", (d) => track.tick(d.seconds, d.duration, true));
    player.on("seeked", (d) => track.tick(d.seconds, d.duration, false));
    player.on("pause", (d) => { track.tick(d.seconds, d.duration, false); track.flush(); });
    player.on("ended", (d) => { track.tick(d.seconds, d.duration, false); track.flush(); });
  });

  // YouTube through its official IFrame Player API, loaded only when needed.
  const youtubeFrames = document.querySelectorAll('.video-block[data-provider="youtube"] iframe');
  if (youtubeFrames.length) {
    const previous = window.onYouTubeIframeAPIReady;
    window.onYouTubeIframeAPIReady = () => {
      if (previous) previous();
      youtubeFrames.forEach((frame) => {
        const track = tracker(frame.closest(".video-block"));
        const player = new YT.Player(frame, {
          events: {
            onStateChange: (event) => {
              if (event.data !== YT.PlayerState.PLAYING) {
                track.tick(player.getCurrentTime(), player.getDuration(), false);
                track.flush();
              }
            },
          },
        });
        setInterval(() => {
          if (!player.getPlayerState) return;
          const playing = player.getPlayerState() === YT.PlayerState.PLAYING;
          if (playing) track.tick(player.getCurrentTime(), player.getDuration(), true);
        }, 1000);
      });
    };
    const script = document.createElement("script");
    script.src = "https://www.youtube.com/iframe_api";
    document.head.appendChild(script);
  }
})();
