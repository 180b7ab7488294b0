// For a self-contained site whose theme draws Mermaid itself (Material's and Zensical's
// `pre.mermaid` integration): a `window.mermaid` that imports the pinned Mermaid (the ESM
// build beside this file) on first use, where the theme would fetch one from a CDN. It
// must be loaded before the theme looks for `mermaid`, i.e. as an extra_javascript file;
// pages without a diagram never import anything. A site that loads its own Mermaid keeps it.
(function () {
  "use strict";
  var existing = window.mermaid;
  if (typeof existing !== "undefined" && !(existing instanceof Element)) return;
  var here = document.currentScript && document.currentScript.src;
  var LIBRARY = new URL("vendor/mermaid/mermaid.esm.min.mjs", here || location.href).href;
  var loading = null;
  var settings = null;

  function library() {
    if (!loading) {
      loading = import(LIBRARY).then(function (module) {
        var mermaid = module.default;
        if (settings) mermaid.initialize(settings);
        return mermaid;
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) {
      settings = config;
      if (loading) loading.then(function (mermaid) { mermaid.initialize(config); });
    },
    render: function (id, text, container) {
      return library().then(function (mermaid) { return mermaid.render(id, text, container); });
    },
    run: function (options) {
      return library().then(function (mermaid) { return mermaid.run(options); });
    },
  };
})();
