"""The layering docs/architecture.md draws, checked on the source: stages never reach into
readers or the store, nothing outside ``store/`` picks a backend module, and no module grows
past 800 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tidings"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(SRC / "stages"), ids=lambda p: str(p.relative_to(SRC)))
def test_no_stage_imports_the_readers_the_runners_or_the_store(path):
    bad = {m for m in _imports(path) if m.startswith(("tidings.ingest", "tidings.store",
                                                       "tidings.run", "tidings.pipeline"))}
    assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_nothing_outside_the_store_imports_a_backend_module():
    offenders = [
        str(path.relative_to(SRC))
        for path in _modules(SRC)
        if "store" not in path.relative_to(SRC).parts
        and any(m.startswith("tidings.store.sqlite") for m in _imports(path))
    ]
    assert offenders == []


def test_the_store_does_not_import_stages_readers_or_runners():
    offenders = {
        str(path.relative_to(SRC)): sorted(bad)
        for path in _modules(SRC / "store")
        if (bad := {m for m in _imports(path)
                    if m.startswith(("tidings.stages", "tidings.ingest", "tidings.run"))})
    }
    assert offenders == {}


def test_readers_do_not_import_the_pipeline_runners_or_store():
    offenders = {
        str(path.relative_to(SRC)): sorted(bad)
        for path in _modules(SRC / "ingest")
        if (bad := {m for m in _imports(path)
                    if m.startswith(("tidings.pipeline", "tidings.run", "tidings.store",
                                     "tidings.stages"))})
    }
    assert offenders == {}


def test_no_source_module_is_over_800_lines():
    long = {
        str(path.relative_to(SRC)): n
        for path in _modules(SRC)
        if (n := len(path.read_text("utf-8").splitlines())) > 800
    }
    assert long == {}
