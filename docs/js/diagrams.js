// Draws the archive's Mermaid diagrams with the colours of Material's palette, at the width
// of its own box, and again when the palette is toggled or the box width changes (no
// reload). The page's palette is read from the page's own background, so that `slate`,
// `default`, a custom scheme and the automatic (system) palette all work.
//
// The page holds each diagram's source in a hidden `pre.pm-diagram-source` (a `pre` keeps
// its line breaks through any HTML minifier) and never names Mermaid, so mermaid2 leaves
// the page alone. This script is loaded once, on every page (extra_javascript); it sets up
// the diagrams of each page Material shows, instant navigation included (`document$`), and
// imports the pinned Mermaid (its ESM build, beside this file, chunks on demand) only when a
// diagram comes near the viewport: pages without diagrams load no Mermaid, and a diagram in
// a hidden tab is drawn when the tab is opened. Without JavaScript the timeline table
// beside each diagram says the same.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var LIBRARY = new URL("vendor/mermaid/mermaid.esm.min.mjs", here || location.href).href;
  var FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
  // Text >= 4.5:1 against the page in both palettes; bars and lines >= 3:1.
  var PALETTES = {
    light: {
      background: "#ffffff", text: "#1f2328", muted: "#4a5059", line: "#5c6370",
      grid: "#d5d8de", node: "#eef0fb", border: "#3f51b5", bar: "#3949ab",
      edgeLabel: "#ffffff",
    },
    dark: {
      background: "#1e2129", text: "#e6e8ee", muted: "#b8bcc8", line: "#9aa0ad",
      grid: "#3a3f4c", node: "#2b3040", border: "#8c9eff", bar: "#8c9eff",
      edgeLabel: "#1e2129",
    },
  };

  // The page's background, as Material's palette paints it (its CSS variable, through a
  // probe: no transition, hsl resolved), or null where the page sets none.
  function pageBackground() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;width:0;height:0;transition:none;" +
      "background-color:var(--md-default-bg-color, rgba(0, 0, 0, 0))";
    document.body.appendChild(probe);
    var found = getComputedStyle(probe).backgroundColor.match(/[\d.]+/g) || [];
    document.body.removeChild(probe);
    if (found.length < 3 || (found.length > 3 && Number(found[3]) === 0)) return null;
    return found.slice(0, 3).map(Number);
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function hex(rgb) {
    return "#" + rgb.map(function (v) { return (v | 0).toString(16).padStart(2, "0"); }).join("");
  }

  // The palette to draw with: dark where white text reads better on the page than black.
  function look() {
    var rgb = pageBackground();
    var slate = document.body.getAttribute("data-md-color-scheme") === "slate";
    var dark = rgb ? 1.05 / (luminance(rgb) + 0.05) > (luminance(rgb) + 0.05) / 0.05 : slate;
    var base = PALETTES[dark ? "dark" : "light"];
    var colours = Object.assign({}, base, { dark: dark });
    if (rgb) {
      colours.background = hex(rgb);
      colours.edgeLabel = hex(rgb);
    }
    return colours;
  }

  function config(c, width) {
    return {
      startOnLoad: false,
      securityLevel: "strict",
      theme: "base",
      fontFamily: FONT,
      themeVariables: {
        darkMode: c.dark, background: c.background, fontFamily: FONT,
        fontSize: "14px", textColor: c.text, primaryColor: c.node,
        primaryTextColor: c.text, primaryBorderColor: c.border, lineColor: c.line,
        secondaryColor: c.node, tertiaryColor: c.background, edgeLabelBackground: c.edgeLabel,
        titleColor: c.text, clusterBkg: c.background, clusterBorder: c.grid,
        // gantt
        sectionBkgColor: c.background, altSectionBkgColor: c.background,
        sectionBkgColor2: c.background, gridColor: c.grid, taskBkgColor: c.bar,
        taskBorderColor: c.bar, taskTextColor: c.background, taskTextLightColor: c.background,
        taskTextOutsideColor: c.text, taskTextDarkColor: c.text, activeTaskBkgColor: c.bar,
        activeTaskBorderColor: c.bar, doneTaskBkgColor: c.bar, doneTaskBorderColor: c.bar,
        critBkgColor: c.bar, critBorderColor: c.bar, todayLineColor: c.line,
        // pie (slice colours come with each chart's source)
        pieTitleTextColor: c.text, pieLegendTextColor: c.text, pieSectionTextColor: "#ffffff",
        pieStrokeColor: c.background, pieOuterStrokeColor: c.grid, pieSectionTextSize: "14px",
        pieTitleTextSize: "16px", pieLegendTextSize: "14px",
        xyChart: {
          backgroundColor: c.background, titleColor: c.text, xAxisLabelColor: c.text,
          xAxisTitleColor: c.text, xAxisTickColor: c.line, xAxisLineColor: c.line,
          yAxisLabelColor: c.text, yAxisTitleColor: c.text, yAxisTickColor: c.line,
          yAxisLineColor: c.line, plotColorPalette: c.bar,
        },
      },
      flowchart: { htmlLabels: true, useMaxWidth: true, wrappingWidth: 260, padding: 10,
                   nodeSpacing: 24, rankSpacing: 28, curve: "linear" },
      gantt: { useWidth: width, fontSize: 13, sectionFontSize: 13, barHeight: 26, barGap: 8,
               topPadding: 40, leftPadding: 110, rightPadding: 16, gridLineStartPadding: 30,
               numberSectionStyles: 1 },
      xyChart: { width: width, titleFontSize: 16,
                 xAxis: { labelFontSize: 13, titleFontSize: 14 },
                 yAxis: { labelFontSize: 13, titleFontSize: 14 } },
      // A pie keeps its size (its legend would shrink below 11 px): narrow boxes scroll it.
      pie: { useMaxWidth: width >= 600, textPosition: 0.7 },
    };
  }

  var loading = null;
  var pending = [];
  var drawn = [];
  var queue = Promise.resolve();
  var counter = 0;
  var watcher = null;

  function library() {
    if (!loading) {
      loading = import(LIBRARY).then(function (module) { return module.default; });
    }
    return loading;
  }

  function boxWidth(block) {
    return Math.max(280, Math.floor(block.parentElement.getBoundingClientRect().width) - 2);
  }

  function failed(block, error) {
    block.textContent = "Diagram error: " + (error && error.message ? error.message : error);
    block.setAttribute("data-error", "true");
    block.style.minHeight = "";
  }

  function draw(block) {
    queue = queue.then(library).then(function (mermaid) {
      if (!block.isConnected) return null;
      var colours = look();
      var width = boxWidth(block);
      mermaid.initialize(config(colours, width));
      counter += 1;
      block.pmDrawn = { background: colours.background, width: width };
      return mermaid.render("pm-diagram-" + counter, block.pmSource).then(
        function (result) {
          block.innerHTML = result.svg;
          if (result.bindFunctions) result.bindFunctions(block);
          block.removeAttribute("data-error");
          block.style.minHeight = "";
        },
        function (error) { failed(block, error); }
      );
    }).catch(function (error) {
      // Mermaid could not be loaded (offline, a missing file): say so, try again next time.
      loading = null;
      failed(block, error);
    });
    return queue;
  }

  function start(block) {
    var at = pending.indexOf(block);
    if (at < 0) return;
    pending.splice(at, 1);
    if (watcher) watcher.unobserve(block);
    drawn.push(block);
    draw(block);
  }

  // Draws again what was drawn in other colours or at another width. A box that is not
  // shown now (a closed tab, a folded block) waits until it is, as one never drawn does.
  function redraw() {
    drawn = drawn.filter(function (block) { return block.isConnected; });
    var colours = look();
    drawn.slice().forEach(function (block) {
      var then = block.pmDrawn;
      if (!then) return;
      if (then.background === colours.background && then.width === boxWidth(block)) return;
      if (!block.getClientRects().length && watcher) {
        drawn.splice(drawn.indexOf(block), 1);
        pending.push(block);
        watcher.observe(block);
        return;
      }
      draw(block);
    });
  }

  // Every diagram source of the page gets a drawing box after it, drawn when near the viewport.
  function setUp() {
    var sources = document.querySelectorAll("pre.pm-diagram-source");
    pending = pending.filter(function (block) { return block.isConnected; });
    Array.prototype.forEach.call(sources, function (source) {
      if (source.pmBlock) return;
      var block = document.createElement("div");
      block.className = "mermaid";
      block.setAttribute("data-processed", "true");  // no other Mermaid draws it
      block.style.minHeight = "2rem";
      block.pmSource = source.textContent;
      source.pmBlock = block;
      source.parentNode.insertBefore(block, source.nextSibling);
      pending.push(block);
      if (watcher) watcher.observe(block);
    });
    if (!watcher) pending.slice().forEach(start);
  }

  if ("IntersectionObserver" in window) {
    watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) start(entry.target); });
    }, { rootMargin: "800px 0px" });
  }
  new MutationObserver(redraw).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-media"],
  });
  var timer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(redraw, 250);
  });
  // Printing shows every diagram, not only those the reader scrolled near.
  window.addEventListener("beforeprint", function () { pending.slice().forEach(start); });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);  // Material: the first page and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
