/* A package's page runs sandboxed in an opaque origin, where reading
   document.cookie or web storage throws a SecurityError. Libraries that only
   look (axios looks for an XSRF cookie before each request) get an empty
   cookie jar and storage that lasts as long as the page. */
(function () {
  "use strict";
  try {
    void document.cookie;
  } catch (error) {
    Object.defineProperty(document, "cookie", {
      configurable: true,
      get: function () { return ""; },
      set: function () {}
    });
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      void window[name];
    } catch (error) {
      var data = {};
      var storage = {
        getItem: function (key) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null; },
        setItem: function (key, value) { data[key] = String(value); },
        removeItem: function (key) { delete data[key]; },
        clear: function () { data = {}; },
        key: function (index) { return Object.keys(data)[index] || null; },
        get length() { return Object.keys(data).length; }
      };
      try {
        Object.defineProperty(window, name, { configurable: true, get: function () { return storage; } });
      } catch (ignored) { /* the browser keeps its own; nothing to shim */ }
    }
  });
})();
