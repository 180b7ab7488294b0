// Filters the incident archive table in the page: severity, service, root cause, year, text
// (the words of a row's title, root causes and services, and the names search knows those
// by: slugs and the taxonomy's aliases).
// The filters live in the address (?severity=SEV1&year=2024&q=words): a filtered view can
// be shared, and the back button returns to the previous one. No server, no library.
// Without JavaScript the form stays hidden and every row shows.
(function () {
  "use strict";
  var PARAMS = { text: "q", severity: "severity", service: "service", cause: "cause", year: "year" };

  // The page names its URL sections (data-cause-section, data-service-section on the form):
  // the layout lives in one place, the Python core.
  function tagsOf(row, section) {
    var found = [];
    row.querySelectorAll("a.pm-tag").forEach(function (link) {
      var match = link.pathname.match(new RegExp("/" + section + "/([^/]+)/?(?:index\\.html)?$"));
      if (match) found.push(decodeURIComponent(match[1]));
    });
    return found;
  }

  // As search stems words (leaks, leaking, leaked → leak), the filter looks for the stem:
  // a row matches when its text holds it.
  function stem(word) {
    var stemmed = word.replace(/(?:ies|es|s|ing|ed|ly)$/, "");
    return stemmed.length >= 3 ? stemmed : word;
  }

  function setUp() {
    var form = document.querySelector("form.pm-filter");
    if (!form) return;
    var facts = [];
    document.querySelectorAll(".pm-archive").forEach(function (block) {
      block.querySelectorAll("tbody tr").forEach(function (row) {
        var severity = row.querySelector(".pm-sev");
        facts.push({
          row: row,
          year: block.getAttribute("data-year") || "",
          severity: severity ? severity.textContent.trim() : "",
          causes: tagsOf(row, form.getAttribute("data-cause-section")),
          services: tagsOf(row, form.getAttribute("data-service-section")),
          text: row.textContent.toLowerCase(),
        });
      });
    });
    var controls = {};
    form.querySelectorAll("[data-filter]").forEach(function (el) {
      controls[el.getAttribute("data-filter")] = el;
    });
    var count = form.querySelector(".pm-filter-count");
    var empty = form.querySelector(".pm-filter-empty");

    function apply() {
      var v = {};
      Object.keys(controls).forEach(function (name) { v[name] = controls[name].value; });
      var words = (v.text || "").toLowerCase().split(/\s+/).filter(Boolean).map(stem);
      var shown = 0;
      facts.forEach(function (f) {
        var keep = (!v.severity || f.severity === v.severity) &&
          (!v.service || f.services.indexOf(v.service) >= 0) &&
          (!v.cause || f.causes.indexOf(v.cause) >= 0) &&
          (!v.year || f.year === v.year) &&
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
      if (empty) empty.hidden = shown > 0;
    }

    function address() {
      var params = new URLSearchParams(location.search);
      Object.keys(PARAMS).forEach(function (name) {
        if (!controls[name]) return;
        var value = controls[name].value;
        if (value) params.set(PARAMS[name], value); else params.delete(PARAMS[name]);
      });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    function fromAddress() {
      if (!form.isConnected) return;  // a page instant navigation has since replaced
      var params = new URLSearchParams(location.search);
      Object.keys(PARAMS).forEach(function (name) {
        if (controls[name]) controls[name].value = params.get(PARAMS[name]) || "";
      });
      apply();
    }

    form.addEventListener("input", function (event) {
      apply();
      // Each choice is a step back; typing replaces the step it started.
      var typing = event.target === controls.text;
      var url = address();
      if (url === location.pathname + location.search + location.hash) return;
      if (typing && history.state && history.state.pmTyping) {
        history.replaceState({ pmTyping: true }, "", url);
      } else {
        history.pushState({ pmTyping: typing }, "", url);
      }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.querySelector(".pm-filter-clear").addEventListener("click", function () {
      Object.keys(controls).forEach(function (name) { controls[name].value = ""; });
      apply();
      history.pushState({}, "", address());
    });
    window.addEventListener("popstate", fromAddress);
    form.hidden = false;
    fromAddress();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);  // Material: the first page and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
