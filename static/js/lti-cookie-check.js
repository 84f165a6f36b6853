// The first step of an LTI launch: if this frame may keep a cookie, go on
// here; if the browser blocks cookies in frames, say so and leave the
// "new window" button, where the launch works as a first-party page.
(function () {
  "use strict";
  var main = document.querySelector("[data-lti-continue]");
  if (!main) return;
  var secure = window.location.protocol === "https:" ? "; Secure; SameSite=None" : "";
  document.cookie = "lti_cookie_check=1; path=/; max-age=60" + secure;
  if (document.cookie.indexOf("lti_cookie_check=1") !== -1) {
    window.location.replace(main.getAttribute("data-lti-continue"));
    return;
  }
  main.querySelector("[data-lti-checking]").hidden = true;
  main.querySelector("[data-lti-blocked]").hidden = false;
  main.querySelector("[data-lti-here]").hidden = true;
})();
