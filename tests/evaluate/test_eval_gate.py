"""The evaluation gate: every dev gold file keeps its figures at or above the floors pinned
in eval/floors.toml, and the gate fails (never skips) on a missing file or a low figure."""

from __future__ import annotations

import json
import tomllib
from itertools import islice
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.evaluate import TASKS, load_task, read_records, strip_gold
from tidings.evaluate.gate import FLOORS, ROOT, Entry, check_entry, load_floors, run_gate

ENTRIES = load_floors(FLOORS)
DEMO_GOLD = ROOT / "eval" / "metadata" / "demo_gold.jsonl"


@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.id for entry in ENTRIES])
def test_dev_figures_stay_at_or_above_their_floors(entry: Entry, shared: Path):
    rows = check_entry(entry, shared=shared)
    assert [row.metric for row in rows] == list(entry.floors)
    failed = [
        f"{row.metric}: value {row.value} < floor {row.floor}: {row.message}"
        for row in rows
        if not row.ok
    ]
    assert not failed, f"{entry.id} ({entry.gold}): " + "; ".join(failed)


def test_floors_name_built_tasks_and_metrics_their_scorers_report(shared: Path):
    assert ENTRIES, "eval/floors.toml holds no entry"
    assert len({entry.id for entry in ENTRIES}) == len(ENTRIES)
    for entry in ENTRIES:
        assert entry.task in TASKS, entry.id
        module = load_task(entry.task)
        path = entry.path(ROOT, shared)
        assert path.is_file(), f"{entry.id}: no gold file at {path}"
        assert Path(entry.gold).stem == entry.name, f"{entry.id}: table named for another file"
        # empty predictions (the gold without its answers) score without running a model
        gold = list(islice(read_records(path), 20))
        scores = module.score(gold, strip_gold(gold, module.GOLD_FIELDS))
        reported = {key for key, value in scores.items() if isinstance(value, int | float)}
        missing = set(entry.floors) - reported
        assert not missing, f"{entry.id}: the {entry.task} scorer reports no {sorted(missing)}"


def test_every_floor_lies_between_zero_and_one():
    raw = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    floors = [
        (f"{task}/{name}", metric, floor)
        for task, tables in raw.items()
        for name, table in tables.items()
        for metric, floor in table["floors"].items()
    ]
    assert len(floors) == sum(len(entry.floors) for entry in ENTRIES)
    for where, metric, floor in floors:
        assert isinstance(floor, float | int) and 0.0 <= floor <= 1.0, (where, metric, floor)


def test_a_floor_outside_zero_and_one_is_refused(tmp_path: Path):
    floors = tmp_path / "floors.toml"
    floors.write_text('[ner.x]\ngold = "x.jsonl"\n[ner.x.floors]\nf1 = 81.5\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"floor f1 = 81.5 is not a number in \[0, 1\]"):
        load_floors(floors)


def test_a_missing_gold_file_fails_its_rows_and_is_not_skipped(tmp_path: Path):
    floors = tmp_path / "floors.toml"
    floors.write_text(
        '[metadata.gone]\ngold = "eval/metadata/gone.jsonl"\n'
        "[metadata.gone.floors]\ntitle_acc = 0.5\nlang_acc = 0.5\n",
        encoding="utf-8",
    )
    rows = run_gate(floors, root=tmp_path, shared=tmp_path)
    assert [(row.metric, row.ok, row.value) for row in rows] == [
        ("title_acc", False, None),
        ("lang_acc", False, None),
    ]
    assert "gold file missing" in rows[0].message and "gone.jsonl" in rows[0].message


def test_a_figure_under_its_floor_fails_with_the_metric_value_and_floor(tmp_path: Path):
    first = next(read_records(DEMO_GOLD))
    wrong = {**first, "title": "A title no reader finds in this document"}
    # limit = 1 scores the wrong record alone; the whole file would reach title_acc 0.5
    gold = tmp_path / "eval" / "metadata" / "tiny.jsonl"
    gold.parent.mkdir(parents=True)
    gold.write_text(json.dumps(wrong) + "\n" + json.dumps(first) + "\n", encoding="utf-8")
    floors = tmp_path / "floors.toml"
    floors.write_text(
        '[metadata.tiny]\ngold = "eval/metadata/tiny.jsonl"\nbase = "project"\nlimit = 1\n'
        "[metadata.tiny.floors]\ntitle_acc = 0.5\nlang_acc = 0.5\nno_such_acc = 0.1\n",
        encoding="utf-8",
    )
    rows = {row.metric: row for row in run_gate(floors, root=tmp_path, shared=tmp_path / "no")}
    assert rows["title_acc"].value == 0.0 and not rows["title_acc"].ok
    assert rows["title_acc"].message == "title_acc = 0.0000 is under its floor 0.5000"
    assert rows["lang_acc"].ok and rows["lang_acc"].value == 1.0
    assert not rows["no_such_acc"].ok and "reports no metric" in rows["no_such_acc"].message
