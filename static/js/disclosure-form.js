/* Progressive enhancement: explain the dates as the clerk types; the form works without it. */
(function () {
  var form = document.getElementById("disclosure-form");
  if (!form || !window.fetch) return;
  var t = form.dataset, en = document.documentElement.lang === "en";
  var item = form.querySelector("[name=item]"), date = form.querySelector("[name=decision_date]");
  var days = form.querySelector("[name=window_days]");
  var rules = document.getElementById("item-rules");
  var deadlineBox = document.getElementById("deadline-box"), windowBox = document.getElementById("window-box");
  function iso(value) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(value);
    if (m) return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    m = /^\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(value);
    return m ? m[1] : null;
  }
  function dmy(s) { var p = s.split("-"); return p[2] + "/" + p[1] + "/" + p[0]; }
  function show(box, strong, text, warning, muted) {
    box.textContent = "";
    var p = document.createElement("p");
    if (muted) { p.className = "muted"; p.textContent = strong; }
    else {
      var b = document.createElement("strong"); b.textContent = strong; p.appendChild(b);
      if (text) p.appendChild(document.createTextNode(" — " + text));
    }
    box.appendChild(p);
    if (warning) { var w = document.createElement("p"); w.className = "warn"; w.textContent = warning; box.appendChild(w); }
  }
  function get(url, done) {
    fetch(url, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j) done(j); })
      .catch(function () {});
  }
  function update() {
    var option = item.options[item.selectedIndex];
    var o = option && option.value ? option.dataset : null;
    rules.textContent = "";
    if (!o) return;
    var label = document.createElement("span");
    label.className = "rules-item";
    label.textContent = option.text;
    rules.appendChild(label);
    rules.appendChild(document.createTextNode(o.rules));
    days.placeholder = o.permanent ? t.permanentLabel : (o.postingDays ? t.minimumLabel.replace("%s", o.postingDays) : "");
    var start = iso(date.value);
    if (start) {
      get(t.workingDaysUrl + "?from=" + start + "&add=" + o.deadlineDays, function (j) {
        show(deadlineBox, t.deadlineLabel + " " + dmy(j.date), en ? j.explanation_en : j.explanation,
             j.date < t.today ? t.overdueText : "");
      });
    }
    if (o.permanent) { show(windowBox, t.permanentText); return; }
    var n = parseInt(days.value, 10) || parseInt(o.postingDays, 10);
    if (!(n > 0)) { show(windowBox, t.noMinimumText, "", "", true); return; }
    get(t.periodEndUrl + "?from=" + t.today + "&days=" + n + "&extend=" + t.extend, function (j) {
      // The calendar API names the period generically; the form speaks of a posting, as the server does.
      var text = en ? j.explanation_en.replace(/^Period /, "Posting ") : j.explanation.replace(/^Thời hạn /, "Niêm yết ");
      show(windowBox, t.windowLabel + " " + dmy(j.date), text);
    });
  }
  var timer;
  function later() { clearTimeout(timer); timer = setTimeout(update, 400); }
  item.addEventListener("change", update);
  date.addEventListener("change", update);
  date.addEventListener("input", later);
  days.addEventListener("input", later);
})();
