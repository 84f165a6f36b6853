// Runs in the sandboxed player page, loaded by H5P with the package. H5P
// core loads and saves the learner's state with jQuery requests to a
// pretend URL; this answers them through the lesson page (h5p-frame.js).
(function () {
  "use strict";
  if (!window.H5P || !H5P.jQuery) return;
  var host = window.coursewrightState;
  if (!host) return;
  H5P.jQuery.ajaxTransport("+*", function (options) {
    if (String(options.url).indexOf("coursewright-state") !== 0) return undefined;
    var cancelled = false;
    return {
      send: function (headers, complete) {
        host(options.type, options.data).then(function (reply) {
          if (cancelled) return;
          complete(reply.status, reply.status === 200 ? "success" : "error", { text: reply.body });
        });
      },
      abort: function () {
        cancelled = true;
      },
    };
  });
})();
