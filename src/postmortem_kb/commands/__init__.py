"""The `postmortem` commands that do more than call the core: `new` and `render`."""
