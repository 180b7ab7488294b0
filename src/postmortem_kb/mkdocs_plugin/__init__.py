"""The MkDocs front end: the `postmortems` plugin for existing sites and the events this
repository's hook forwards. The only part of the package that imports MkDocs."""
