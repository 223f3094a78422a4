/* The progress page of a background job: polls its status every second and updates the bar, then
   shows the link to the result. Without JavaScript the page refreshes itself instead (<noscript>). */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box || box.getAttribute("data-finished") === "true") return;
  var url = box.getAttribute("data-job-status-url");
  var bar = box.querySelector("[data-job-bar]");
  var percent = box.querySelector("[data-job-percent]");
  var state = box.querySelector("[data-job-state]");
  var message = box.querySelector("[data-job-message]");
  var result = box.querySelector("[data-job-result]");
  var offline = box.querySelector("[data-job-offline]");
  var hint = box.querySelector("[data-job-hint]");
  var waiting = box.querySelector("[data-job-waiting]");
  var failures = 0;
  var queuedPolls = 0;

  function show(s) {
    if (s.total || s.finished) {
      bar.value = s.percent;
    } else {
      bar.removeAttribute("value"); // nothing counted yet: an indeterminate bar
    }
    bar.textContent = s.percent + "\u00a0%";
    percent.textContent = s.percent + "\u00a0%";
    if (state.textContent !== s.state_label) {
      state.textContent = s.state_label;
      state.className = "state job-state-" + s.state;
    }
    queuedPolls = s.state === "queued" ? queuedPolls + 1 : 0;
    if (waiting) waiting.hidden = queuedPolls < 30; // no worker has taken it for half a minute
    var text = s.message ? "– " + s.message : "";
    if (message.textContent !== text) message.textContent = text;
    if (s.finished) {
      if (hint) hint.hidden = true;
      if (s.result_url) {
        result.querySelector("a").href = s.result_url;
        result.hidden = false;
      }
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (s) {
        failures = 0;
        offline.hidden = true;
        show(s);
        if (!s.finished) window.setTimeout(poll, 1000);
      })
      .catch(function () {
        failures += 1;
        if (failures >= 3) {
          offline.textContent = box.getAttribute("data-offline-text");
          offline.hidden = false;
        }
        window.setTimeout(poll, Math.min(1000 * Math.pow(2, failures), 30000));
      });
  }

  window.setTimeout(poll, 1000);
})();
