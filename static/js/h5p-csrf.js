// Runs inside the H5P player's frame: H5P core saves the learner's state with
// jQuery POSTs, which need Django's CSRF token to be accepted.
(function () {
  "use strict";
  var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (!match || !window.H5P || !H5P.jQuery) return;
  H5P.jQuery.ajaxSetup({
    beforeSend: function (xhr, settings) {
      if (!/^(GET|HEAD|OPTIONS)$/i.test(settings.type) && !/^https?:\/\//i.test(settings.url)) {
        xhr.setRequestHeader("X-CSRFToken", decodeURIComponent(match[1]));
      }
    },
  });
})();
