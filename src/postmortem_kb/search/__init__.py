"""The site's search: Pagefind run over the built site, or Material's index entries."""
