// Draws every Mermaid diagram of the page with the colours of Material's palette, at the
// width of its own box, and draws them again when the palette is toggled or the box width
// changes (no reload). The page's palette is read from the page's own background, so that
// `slate`, `default`, a custom scheme and the automatic (system) palette all work.
// It draws with the pinned Mermaid: the one loaded just before it (the `postmortems` plugin
// puts it there), kept even if another Mermaid takes `window.mermaid` later (a host site
// running mermaid2), or else the one on the page once it is parsed (mermaid2 in this
// repository's site, with `startOnLoad: false`). Each block is marked `data-processed` at
// once, so no other Mermaid draws it a second time; its source is kept, since Mermaid
// replaces it with the drawing.
(function () {
  "use strict";
  var pinned = window.mermaid;
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

  var blocks = [];
  var drawn = { background: "", width: 0 };
  var queue = Promise.resolve();
  var counter = 0;

  function boxWidth(block) {
    return Math.max(280, Math.floor(block.parentElement.getBoundingClientRect().width) - 2);
  }

  function draw(block, colours) {
    pinned.initialize(config(colours, boxWidth(block)));
    counter += 1;
    return pinned.render("pm-diagram-" + counter, block.pmSource).then(
      function (result) {
        block.innerHTML = result.svg;
        if (result.bindFunctions) result.bindFunctions(block);
        block.removeAttribute("data-error");
      },
      function (error) {
        block.textContent = "Diagram error: " + (error && error.message ? error.message : error);
        block.setAttribute("data-error", "true");
      }
    );
  }

  function drawAll() {
    var colours = look();
    var now = { background: colours.background, width: window.innerWidth };
    if (now.background === drawn.background && now.width === drawn.width) return queue;
    drawn = now;
    blocks.forEach(function (block) {
      queue = queue.then(function () { return draw(block, colours); });
    });
    return queue;
  }

  function setUp() {
    pinned = pinned || window.mermaid;
    // Mermaid 10 or later (promise-based render); an older one is left to draw on its own.
    if (!pinned || typeof pinned.run !== "function") return;
    blocks = Array.prototype.slice.call(document.querySelectorAll("div.mermaid"));
    if (!blocks.length) return;
    blocks.forEach(function (block) {
      block.pmSource = block.textContent;
      block.setAttribute("data-processed", "true");
    });
    drawAll();
    new MutationObserver(function () { drawAll(); }).observe(document.body, {
      attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-media"],
    });
    var timer = 0;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(drawAll, 250);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
