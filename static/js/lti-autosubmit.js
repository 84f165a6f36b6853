// Deep linking's answer goes back to the platform as a form post; the
// button stays for a browser without scripts.
(function () {
  "use strict";
  var form = document.querySelector("form[data-lti-autosubmit]");
  if (form) form.submit();
})();
