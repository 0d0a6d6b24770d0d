"""The evaluation gate: every dev gold file scored against the floors in ``eval/floors.toml``.

The floors file holds one table per (task, gold file)::

    [ner.conll2003_en_dev]
    gold = "eval/ner/conll2003_en_dev.jsonl"   # relative to the shared folder
    base = "shared"                            # or "project": relative to the project root
    limit = 500                                # optional: the first 500 records only

    [ner.conll2003_en_dev.floors]
    f1 = 0.80

Each entry runs through ``evaluate_file``, the scorer ``tidings eval`` uses, and gives one
``Row`` per metric. Failures are data: a gold file that is missing, a task that is not
built, or a metric the scorer does not report is a failing row with a message, never a skip,
so a CI run without the gold data cannot pass by scoring nothing.

Run ``python -m tidings.evaluate.gate`` for a table; the exit status is 1 when a row fails.
The test suite runs the same entries (``tests/evaluate/test_eval_gate.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import InputError, TidingsError
from tidings.evaluate import TASKS, evaluate_file

ROOT = Path(__file__).resolve().parents[3]
FLOORS = ROOT / "eval" / "floors.toml"
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))
BASES = ("shared", "project")
_ENTRY_KEYS = {"gold", "base", "limit", "floors"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One (task, gold file) of the floors file, with its floors."""

    task: str
    name: str
    gold: str
    floors: dict[str, float]
    base: str = "shared"
    limit: int | None = None

    @property
    def id(self) -> str:
        """``task/name``: the test id."""
        return f"{self.task}/{self.name}"

    @property
    def label(self) -> str:
        """The gold file's name in the rows, with the subset where there is one."""
        return f"{self.name}[:{self.limit}]" if self.limit else self.name

    def path(self, root: Path = ROOT, shared: Path = SHARED) -> Path:
        """The gold file on this machine."""
        return (root if self.base == "project" else shared) / self.gold


@dataclass(frozen=True, slots=True)
class Row:
    """One metric of one entry: its value (None when it could not be measured), its floor,
    and whether it passed; ``message`` says why a row failed."""

    task: str
    gold: str
    metric: str
    value: float | None
    floor: float
    ok: bool
    message: str = ""
    seconds: float = field(default=0.0, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "gold": self.gold,
            "metric": self.metric,
            "value": self.value,
            "floor": self.floor,
            "ok": self.ok,
            "message": self.message,
            "seconds": self.seconds,
        }


def _entry(task: str, name: str, table: Any, where: Path) -> Entry:
    label = f"{where}: [{task}.{name}]"
    if not isinstance(table, dict):
        raise InputError(f"{label} is not a table", hint="write [TASK.FILE_STEM] with gold=")
    unknown = set(table) - _ENTRY_KEYS
    if unknown:
        raise InputError(
            f"{label}: unknown keys {sorted(unknown)}",
            hint=f"an entry has {sorted(_ENTRY_KEYS)}; floors go under [{task}.{name}.floors]",
        )
    gold, base, limit = table.get("gold"), table.get("base", "shared"), table.get("limit")
    if not isinstance(gold, str) or not gold:
        raise InputError(f"{label} has no gold path", hint='add gold = "eval/TASK/FILE.jsonl"')
    if base not in BASES:
        raise InputError(f"{label}: base {base!r} is not one of {BASES}")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise InputError(f"{label}: limit must be a whole number of records, 1 or more")
    floors = table.get("floors")
    if not isinstance(floors, dict) or not floors:
        raise InputError(f"{label} has no floors", hint=f"add [{task}.{name}.floors]")
    for metric, floor in floors.items():
        number = isinstance(floor, int | float) and not isinstance(floor, bool)
        if not number or not 0.0 <= floor <= 1.0:
            raise InputError(f"{label}: floor {metric} = {floor!r} is not a number in [0, 1]")
    return Entry(task, name, gold, {m: float(f) for m, f in floors.items()}, base, limit)


def load_floors(path: str | Path = FLOORS) -> list[Entry]:
    """The entries of the floors file, in file order. A malformed file or entry raises
    ``InputError`` naming it; an unknown task does too."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"no floors file at {path}", hint="eval/floors.toml holds them") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from exc
    entries = []
    for task, tables in data.items():
        if task not in TASKS:
            raise InputError(f"{path}: unknown task [{task}]", hint=f"one of {', '.join(TASKS)}")
        if not isinstance(tables, dict):
            raise InputError(f"{path}: [{task}] must hold one table per gold file")
        entries.extend(_entry(task, name, table, path) for name, table in tables.items())
    return entries


def _failed(entry: Entry, message: str, seconds: float = 0.0) -> list[Row]:
    return [
        Row(entry.task, entry.label, metric, None, floor, False, message, seconds)
        for metric, floor in entry.floors.items()
    ]


def check_entry(entry: Entry, *, root: Path = ROOT, shared: Path = SHARED) -> list[Row]:
    """Score one entry and compare each of its metrics with its floor."""
    path = entry.path(root, shared)
    if not path.is_file():
        if entry.base == "project":
            todo = "restore it, or fix the gold path in the floors file"
        else:
            todo = "check out ../shared next to the project or set TIDINGS_SHARED"
        return _failed(entry, f"gold file missing: {path}; {todo} (the gate never skips one)")
    started = time.perf_counter()
    try:
        result = evaluate_file(entry.task, path, limit=entry.limit)
    except TidingsError as exc:
        seconds = round(time.perf_counter() - started, 2)
        return _failed(entry, f"could not score {path}: {exc}", seconds)
    seconds = round(time.perf_counter() - started, 2)
    rows = []
    for metric, floor in entry.floors.items():
        value = result.get(metric)
        if not isinstance(value, int | float) or isinstance(value, bool):
            message = f"the {entry.task} scorer reports no metric {metric!r}"
            rows.append(Row(entry.task, entry.label, metric, None, floor, False, message, seconds))
            continue
        ok = value >= floor
        message = "" if ok else f"{metric} = {value:.4f} is under its floor {floor:.4f}"
        rows.append(Row(entry.task, entry.label, metric, float(value), floor, ok, message, seconds))
    return rows


def run_gate(
    path: str | Path = FLOORS,
    *,
    root: Path = ROOT,
    shared: Path = SHARED,
    only: Sequence[str] = (),
) -> list[Row]:
    """Every entry of the floors file checked, in file order; ``only``: tasks or entry ids
    (``ner``, ``ner/conll2003_en_dev``) to restrict the run to."""
    rows: list[Row] = []
    for entry in load_floors(path):
        if only and entry.task not in only and entry.id not in only:
            continue
        rows.extend(check_entry(entry, root=root, shared=shared))
    return rows


def format_table(rows: Sequence[Row]) -> str:
    """A plain-text table of the rows, failures marked, with a summary line."""
    header = ("task", "gold", "metric", "value", "floor", "", "s")
    lines = [
        (
            row.task,
            row.gold,
            row.metric,
            "-" if row.value is None else f"{row.value:.4f}",
            f"{row.floor:.3f}",
            "ok" if row.ok else "FAIL",
            f"{row.seconds:.1f}",
        )
        for row in rows
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *lines, strict=True)]
    out = [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in [header, *lines]
    ]
    failed = [row for row in rows if not row.ok]
    out.extend(f"FAIL {row.task}/{row.gold} {row.metric}: {row.message}" for row in failed)
    out.append(f"{len(rows) - len(failed)} of {len(rows)} metrics at or above their floors")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate, print the table; 0 when every row passes, 1 otherwise."""
    parser = argparse.ArgumentParser(
        prog="python -m tidings.evaluate.gate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("only", nargs="*", help="tasks or TASK/FILE_STEM ids (default: all)")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="the floors file")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    args = parser.parse_args(argv)
    try:
        rows = run_gate(args.floors, shared=args.shared, only=args.only)
    except TidingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not rows:
        print(f"no entry of {args.floors} matches {' '.join(args.only)}", file=sys.stderr)
        return 1
    print(format_table(rows))
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
