"""The core stays importable and testable without MkDocs: only the MkDocs front end
(postmortem_kb.mkdocs_plugin) imports it."""

from __future__ import annotations

import subprocess
import sys

from tests.harness import ROOT


def test_core_imports_nothing_from_mkdocs() -> None:
    script = (
        "import pkgutil, importlib, sys, postmortem_kb\n"
        "for m in pkgutil.walk_packages(postmortem_kb.__path__, 'postmortem_kb.'):\n"
        "    if not m.name.endswith('__main__') and '.mkdocs_plugin' not in m.name:\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert out.stdout.strip() == "[]"
