"""One reader per source format (front matter, Markdown, HTML, plain text), the dispatch
between them, section headings and reference links."""
