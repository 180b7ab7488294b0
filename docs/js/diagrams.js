// Draws every Mermaid diagram of the page with the colours of Material's palette, at the
// width of its own box, and draws them again when the palette is toggled or the box width
// changes (no reload). mermaid2 loads Mermaid with `startOnLoad: false`; each block's
// source is kept, since Mermaid replaces it with the drawing.
(function () {
  "use strict";
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

  function scheme() {
    var body = document.body;
    return body && body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function config(width) {
    var c = PALETTES[scheme()];
    return {
      startOnLoad: false,
      securityLevel: "strict",
      theme: "base",
      fontFamily: FONT,
      themeVariables: {
        darkMode: scheme() === "dark", background: c.background, fontFamily: FONT,
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
  var drawn = { scheme: "", width: 0 };
  var queue = Promise.resolve();
  var counter = 0;

  function boxWidth(block) {
    return Math.max(280, Math.floor(block.parentElement.getBoundingClientRect().width) - 2);
  }

  function draw(block) {
    var width = boxWidth(block);
    window.mermaid.initialize(config(width));
    counter += 1;
    return window.mermaid.render("pm-diagram-" + counter, block.pmSource).then(
      function (result) {
        block.innerHTML = result.svg;
        if (result.bindFunctions) result.bindFunctions(block);
        block.setAttribute("data-processed", "true");
        block.removeAttribute("data-error");
      },
      function (error) {
        block.textContent = "Diagram error: " + (error && error.message ? error.message : error);
        block.setAttribute("data-processed", "true");
        block.setAttribute("data-error", "true");
      }
    );
  }

  function drawAll() {
    var now = { scheme: scheme(), width: window.innerWidth };
    if (now.scheme === drawn.scheme && now.width === drawn.width) return queue;
    drawn = now;
    blocks.forEach(function (block) {
      queue = queue.then(function () { return draw(block); });
    });
    return queue;
  }

  function setUp() {
    if (!window.mermaid) return;
    blocks = Array.prototype.slice.call(document.querySelectorAll("div.mermaid"));
    if (!blocks.length) return;
    blocks.forEach(function (block) { block.pmSource = block.textContent; });
    drawAll();
    new MutationObserver(function () { drawAll(); }).observe(document.body, {
      attributes: true, attributeFilter: ["data-md-color-scheme"],
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
