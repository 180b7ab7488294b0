// Filters the incident archive table in the page: severity, service, root cause, text.
// No server, no library. Without JavaScript the form stays hidden and every row shows.
(function () {
  "use strict";
  function tagsOf(row, section) {
    var found = [];
    row.querySelectorAll("a.pm-tag").forEach(function (link) {
      var match = link.pathname.match(new RegExp("/" + section + "/([^/]+)/?(?:index\\.html)?$"));
      if (match) found.push(decodeURIComponent(match[1]));
    });
    return found;
  }
  function setUp() {
    var form = document.querySelector("form.pm-filter");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll(".pm-archive tbody tr"));
    var facts = rows.map(function (row) {
      var severity = row.querySelector(".pm-sev");
      return {
        row: row,
        severity: severity ? severity.textContent.trim() : "",
        causes: tagsOf(row, "root-causes"),
        services: tagsOf(row, "services"),
        text: row.textContent.toLowerCase(),
      };
    });
    var controls = {};
    form.querySelectorAll("[data-filter]").forEach(function (el) {
      controls[el.getAttribute("data-filter")] = el;
    });
    var count = form.querySelector(".pm-filter-count");
    function apply() {
      var severity = controls.severity.value, service = controls.service.value;
      var cause = controls.cause.value;
      var words = controls.text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      facts.forEach(function (f) {
        var keep = (!severity || f.severity === severity) &&
          (!service || f.services.indexOf(service) >= 0) &&
          (!cause || f.causes.indexOf(cause) >= 0) &&
          words.every(function (w) { return f.text.indexOf(w) >= 0; });
        f.row.hidden = !keep;
        if (keep) shown += 1;
      });
      document.querySelectorAll(".pm-archive").forEach(function (block) {
        var visible = block.querySelectorAll("tbody tr:not([hidden])").length > 0;
        block.hidden = !visible;
        var heading = block.previousElementSibling;
        if (heading && heading.tagName === "H2") heading.hidden = !visible;
      });
      count.textContent = shown + " of " + facts.length + " incidents";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
