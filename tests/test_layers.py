"""The package's layers: each subsystem imports only from its own layer and the layers below.

Read bottom-up, the list is the pipeline: text helpers and errors → files and times → the
model and taxonomy → the archive → validation → search blocks and rendered pages → the
importers → one site build → the command line → the MkDocs front end on top. A module that
needs something from a higher layer is in the wrong place, or the thing is.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.harness import ROOT

PACKAGE = ROOT / "src" / "postmortem_kb"

LAYERS: list[set[str]] = [
    {"errors", "text"},
    {"files", "times", "partial_dates"},
    {"model"},
    {"taxonomy"},
    {"archive", "similar", "metrics"},
    {"validation"},
    {"search"},
    {"render"},
    {"importers", "capture"},
    {"sitebuild"},
    {"commands", "cli", "__main__"},
    {"mkdocs_plugin"},
]
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}


def subsystem(module: str) -> str:
    """`postmortem_kb.render.diagrams.mermaid` → `render`."""
    return module.split(".")[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of the package's own modules in a file."""
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here.pop()
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            names = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name.startswith("postmortem_kb.")]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_subsystem_has_a_layer() -> None:
    names = {subsystem(module_name(p)) for p in MODULES if module_name(p) != "postmortem_kb"}
    assert names <= set(LEVEL), f"add to LAYERS: {sorted(names - set(LEVEL))}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_down_the_layers(path: Path) -> None:
    if path.parent == PACKAGE and path.name == "__init__.py":
        return
    own = subsystem(module_name(path))
    upward = [
        f"{path.relative_to(ROOT)}:{line}: {own} (layer {LEVEL[own]}) imports {name} "
        f"(layer {LEVEL[subsystem(name)]})"
        for line, name in imported(path)
        if subsystem(name) in LEVEL and LEVEL[subsystem(name)] > LEVEL[own]
    ]
    assert not upward, "\n".join(upward)
