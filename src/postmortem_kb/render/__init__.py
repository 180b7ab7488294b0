"""Markdown builders: one module per page type, plus text and Mermaid escaping."""
