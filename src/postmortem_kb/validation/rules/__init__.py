"""The rule families, one module each: fields, links, prose, publishing, schema."""
