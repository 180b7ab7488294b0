// The header's search box over Pagefind's index (pagefind/, written after the build).
// Results are cards: title, severity in its colours, a draft's or a review's status, date
// and root causes, one line of what fixed it, then the words that matched, from the
// section of the review that holds most of them (root cause, timeline, ...). Incidents
// come before hand-written pages. Filters (severity, root cause, service, year) come from
// the index. Nothing is fetched until the box is used, and then only the index chunks the
// query needs.
(function () {
  "use strict";
  var box = document.querySelector("[data-pm-search]");
  if (!box) return;
  var input = box.querySelector("[data-pm-search-input]");
  var form = input.form;
  var list = box.querySelector("[data-pm-search-results]");
  var status = box.querySelector("[data-pm-search-status]");
  var filterBar = box.querySelector("[data-pm-search-filters]");
  var toggle = document.getElementById("__search");
  var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI);
  var FILTERS = [["severity", "Severity"], ["root cause", "Root cause"], ["service", "Service"], ["year", "Year"]];
  var SHOWN = 10;
  var RANKED = 30; // results read to put incidents first (each a small fragment)
  var pagefind = null;
  var loading = null;
  var chosen = {};
  var latest = 0;
  // Browsers load no script module from a file: address, so a site opened from disk
  // cannot search: say how to serve it.
  var FROM_DISK = "Search needs the site served over HTTP, not opened from disk: in the " +
    "folder that holds site/, run  python3 -m http.server -d site 8000  and open " +
    "http://127.0.0.1:8000/";
  var fromDisk = location.protocol === "file:";
  if (fromDisk) status.textContent = FROM_DISK;

  function load() {
    if (fromDisk) return Promise.reject(new Error(FROM_DISK));
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(function (module) {
        pagefind = module;
        // Result URLs are relative to the site's root, wherever the site is served from.
        return pagefind.options({ baseUrl: new URL("..", bundle).pathname });
      }).then(function () { return pagefind.init(); });
    }
    return loading;
  }

  // The filters' values come after the first results, so they never delay them.
  var filtersShown = false;
  function loadFilters() {
    if (filtersShown) return;
    filtersShown = true;
    load().then(function () { return pagefind.filters(); }).then(showFilters);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showFilters(available) {
    filterBar.textContent = "";
    FILTERS.forEach(function (pair) {
      var values = Object.keys(available[pair[0]] || {});
      if (!values.length) return;
      values.sort();
      if (pair[0] === "year") values.reverse();
      var label = el("label", "pm-search-filter");
      var select = el("select");
      select.setAttribute("data-filter", pair[0]);
      select.appendChild(new Option(pair[1] + ": any", ""));
      values.forEach(function (value) { select.appendChild(new Option(value, value)); });
      select.addEventListener("change", function () {
        if (select.value) chosen[pair[0]] = select.value; else delete chosen[pair[0]];
        run();
      });
      label.appendChild(el("span", "pm-visually-hidden", pair[1]));
      label.appendChild(select);
      filterBar.appendChild(label);
    });
  }

  function card(data) {
    var meta = data.meta || {};
    var item = el("li", "md-search-result__item");
    var link = el("a", "md-search-result__link");
    link.href = data.url;
    var article = el("article", "md-search-result__article md-typeset pm-result");
    article.appendChild(el("h1", "", meta.title || data.url));
    if (meta.date || meta.severity || meta.causes) {
      var facts = el("p", "pm-result-facts");
      if (meta.severity) {
        var badge = el("span", "pm-sev pm-sev-" + meta.severity.toLowerCase(), meta.severity);
        var colours = (meta.severity_colours || "").split(" ");
        if (colours.length === 2) {
          badge.style.background = colours[0];
          badge.style.color = colours[1];
        }
        facts.appendChild(badge);
        facts.appendChild(document.createTextNode(" "));
      }
      if (meta.status) {
        facts.appendChild(el("span", "pm-status pm-status-" + meta.status.replace(/\W+/g, "-"), meta.status));
        facts.appendChild(document.createTextNode(" "));
      }
      facts.appendChild(document.createTextNode([meta.date, meta.causes].filter(Boolean).join(" · ")));
      article.appendChild(facts);
    }
    if (meta.fix) article.appendChild(el("p", "pm-result-fix", "Fixed: " + meta.fix));
    var excerpt = el("p", "pm-result-excerpt");
    var section = matchedSection(data);
    if (section) excerpt.appendChild(el("strong", "pm-result-section", section.title + ": "));
    var text = el("span");
    var shown = section ? withoutHeading(section.excerpt, section.title) : data.excerpt;
    if (meta.terms && showsTerms(shown, meta.terms)) {
      excerptWithout(text, data.content || "", meta.terms); // never the hidden words
    } else {
      text.innerHTML = shown; // Pagefind escapes page text; only <mark> is markup.
    }
    excerpt.appendChild(text);
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  // An incident page holds, hidden, the words it is also found by (slugs, synonyms,
  // typing slips such as "memroy"; meta.terms repeats them). Pagefind may pick its excerpt
  // there: three words in a row of them in the excerpt, and it is made from the page's
  // visible text instead, around the first word typed.
  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }
  function showsTerms(excerpt, terms) {
    var shown = words(excerpt.replace(/<[^>]*>/g, ""));
    var hidden = " " + words(terms).join(" ") + " ";
    for (var i = 0; i + 2 < shown.length || (i === 0 && shown.length); i++) {
      if (hidden.indexOf(" " + shown.slice(i, i + 3).join(" ") + " ") >= 0) return true;
    }
    return false;
  }
  function excerptWithout(target, content, terms) {
    var at = content.indexOf(terms);
    var visible = at < 0 ? "" : content.slice(0, at) + " " + content.slice(at + terms.length);
    var all = visible.split(/\s+/).filter(Boolean);
    var typed = words(input.value);
    var first = all.findIndex(function (w) {
      var word = w.toLowerCase();
      return typed.some(function (t) { return t.length > 1 && word.indexOf(t) >= 0; });
    });
    var start = Math.max(0, first - 12);
    all.slice(start, start + 30).forEach(function (w, i) {
      if (i) target.appendChild(document.createTextNode(" "));
      var word = w.toLowerCase();
      var hit = typed.some(function (t) { return t.length > 1 && word.indexOf(t) >= 0; });
      target.appendChild(hit ? el("mark", "", w) : document.createTextNode(w));
    });
  }

  // A section's excerpt starts with its own heading ("Summary. An update…"), which the
  // label before it already shows: left out, <mark>s around its words included.
  function withoutHeading(excerpt, title) {
    var words = title.split(/\s+/).map(function (w) {
      return "(?:<mark>)?" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?:</mark>)?";
    });
    return excerpt.replace(new RegExp("^\\s*" + words.join("\\s+") + "[.:]?\\s*", "i"), "");
  }

  // The section that holds most of the matched words, past the title and the header card
  // (which the card above already shows): where the review talks about them. A word in the
  // answer (root cause, resolution, summary) counts more than one in the action items.
  var ANSWER = { "Root cause": 3, "Resolution": 2, "Summary": 2 };
  function matchedSection(data) {
    var title = (data.meta || {}).title;
    var best = null;
    var bestScore = 0;
    (data.sub_results || []).forEach(function (sub) {
      if (sub.title === title || !sub.locations || !sub.locations.length) return;
      var score = sub.locations.length * (ANSWER[sub.title] || 1);
      if (score > bestScore) { best = sub; bestScore = score; }
    });
    return best;
  }

  // Incidents (pages with a severity) before the hand-written pages, each kept in
  // Pagefind's order: the guide stays findable, below the reviews that match.
  function incidentsFirst(pages) {
    var incidents = pages.filter(function (p) { return (p.meta || {}).severity; });
    var others = pages.filter(function (p) { return !(p.meta || {}).severity; });
    return incidents.concat(others);
  }

  // Pagefind shows only pages holding every word. When none does, the pages holding all
  // but one ("cache hit rate dropped" where the review says "fell"), best score first.
  function allButOne(query) {
    var words = query.split(/\s+/).filter(Boolean);
    if (words.length < 2 || words.length > 6) return Promise.resolve([]);
    return Promise.all(words.map(function (_, skipped) {
      var fewer = words.filter(function (_, i) { return i !== skipped; }).join(" ");
      return pagefind.search(fewer, { filters: chosen });
    })).then(function (searches) {
      var best = {};
      searches.forEach(function (search) {
        search.results.forEach(function (r) {
          if (!best[r.id] || best[r.id].score < r.score) best[r.id] = r;
        });
      });
      return Object.keys(best).map(function (id) { return best[id]; })
        .sort(function (a, b) { return b.score - a.score; });
    });
  }

  function count(n) {
    return n === 1 ? "1 matching page" : n + " matching pages";
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (fromDisk) {
      status.textContent = FROM_DISK;
      return;
    }
    if (!query && !Object.keys(chosen).length) {
      list.textContent = "";
      status.textContent = "Type to search: a symptom, a cause, a service, a severity";
      return;
    }
    load().then(function () {
      return pagefind.debouncedSearch(query || null, { filters: chosen }, 80);
    }).then(function (search) {
      if (!search || ticket !== latest) return null;
      if (search.results.length || !query) {
        status.textContent = search.results.length ? count(search.results.length) : "No matching incident";
        return search.results;
      }
      return allButOne(query).then(function (results) {
        status.textContent = results.length
          ? "No page has every word; " + count(results.length) + " with all but one"
          : "No matching incident";
        return results;
      });
    }).then(function (results) {
      if (!results || ticket !== latest) return null;
      return Promise.all(results.slice(0, RANKED).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (!pages || ticket !== latest) return;
      list.textContent = "";
      incidentsFirst(pages).slice(0, SHOWN).forEach(function (page) { list.appendChild(card(page)); });
      loadFilters();
    }).catch(function (error) {
      status.textContent = "Search is not available: " + error.message;
    });
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    if (!fromDisk) load();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { run(); input.focus(); }, 0);
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { if (!fromDisk) load(); window.setTimeout(function () { input.focus(); }, 50); }
      else input.blur();
    });
  }
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if ((event.key === "/" || event.key === "s") && !typing) {
      event.preventDefault();
      input.focus();
    }
  });
})();
