// After a citizen sends a question or a comment, the page comes back with the confirmation where the
// form was (#gui-thanh-cong): move the focus there, so a phone shows it and a screen reader reads it.
(function () {
  "use strict";
  function focusConfirmation() {
    var box = document.getElementById("gui-thanh-cong");
    if (!box) return;
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: "start" });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusConfirmation);
  } else {
    focusConfirmation();
  }
})();
