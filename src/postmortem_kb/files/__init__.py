"""The archive on disk: which files, YAML read with positions and written safely, atomic writes."""
