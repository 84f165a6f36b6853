// Keeps the header bell's unread count current while the page is open: asks
// the server every 30 seconds while the tab is visible. Without JavaScript
// the bell is still a link to the notifications page.
(function () {
  "use strict";
  var bell = document.querySelector(".bell[data-unread-url]");
  if (!bell || !window.fetch) return;
  var badge = bell.querySelector("[data-bell-count]");
  var EVERY = 30000;

  function show(count) {
    badge.textContent = String(count);
    badge.hidden = count === 0;
    bell.setAttribute(
      "aria-label",
      count ? bell.dataset.labelSome.replace("COUNT", count) : bell.dataset.labelNone
    );
  }

  function check() {
    if (document.hidden) return;
    fetch(bell.dataset.unreadUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && typeof data.unread === "number") show(data.unread); })
      .catch(function () { /* offline: keep the last count */ });
  }

  setInterval(check, EVERY);
  document.addEventListener("visibilitychange", check);
})();
