// The citizens' forms are on pages served from a cache, the same for every visitor: the number that
// makes a form sent twice (a double tap, a resend after a timeout) count once is made here, in the
// visitor's browser, not in the page. Without scripts the form still works, without that protection.
(function () {
  "use strict";
  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function fill() {
    var inputs = document.querySelectorAll("form.feedback-form input[name=form_token]");
    Array.prototype.forEach.call(inputs, function (input) {
      if (!input.value) input.value = uuid4();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
