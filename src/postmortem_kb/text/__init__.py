"""Text helpers every layer shares: Markdown → safe HTML and safe URLs, sentences, slugs."""
