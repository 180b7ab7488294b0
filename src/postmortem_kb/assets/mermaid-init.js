// Renders the archive's diagrams (div.mermaid) with the pinned Mermaid loaded just before.
mermaid.initialize({ startOnLoad: true, securityLevel: "strict" });
