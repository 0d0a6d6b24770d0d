"""The evaluation harness and the metadata task, on the seeds and on the demo gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.errors import InputError, NotBuiltError
from tidings.evaluate import TASKS, evaluate_file, load_task, predict_file, strip_gold
from tidings.evaluate.tasks import metadata

ROOT = Path(__file__).resolve().parents[2]


def _seed_gold(shared: Path, tmp_path: Path) -> Path:
    out = tmp_path / "seeds_gold.jsonl"
    subprocess.run(
        [sys.executable, str(ROOT / "eval/metadata/build_gold.py"), "--seeds",
         str(shared / "seeds"), "--out", str(out)],
        check=True, capture_output=True,
    )
    return out


def test_metadata_eval_on_the_seeds_gets_every_field_right(shared, tmp_path):
    metrics = evaluate_file("metadata", _seed_gold(shared, tmp_path))
    assert metrics["records"] == 3
    for field in metadata.GOLD_FIELDS:
        assert metrics[f"{field}_acc"] == 1.0, field
    assert metrics["published_invented"] == 0


def test_metadata_eval_on_the_demo_gold_invents_no_date_and_beats_the_nothing_control():
    # the accuracy floors are in eval/floors.toml (test_eval_gate.py)
    metrics = evaluate_file("metadata", ROOT / "eval/metadata/demo_gold.jsonl")
    assert metrics["records"] >= 40
    assert metrics["published_invented"] == 0
    assert metrics["all_fields_acc"] > metrics["title_acc_nothing"]


def test_predict_never_sees_gold_fields(shared, tmp_path):
    gold = [json.loads(line) for line in _seed_gold(shared, tmp_path).read_text().splitlines()]
    poisoned = [{**record, "title": "WRONG", "published": "1900-01-01"} for record in gold]
    clean = metadata.predict(strip_gold(poisoned, metadata.GOLD_FIELDS))
    assert [r["title"] for r in clean] == [r["title"] for r in gold]


def test_predict_file_writes_answers_in_the_gold_shape(shared, tmp_path):
    out = tmp_path / "pred.jsonl"
    assert predict_file("metadata", _seed_gold(shared, tmp_path), out) == 3
    first = json.loads(out.read_text().splitlines()[0])
    assert set(metadata.GOLD_FIELDS) <= set(first)


def test_scorer_counts_invented_dates_and_has_a_nothing_control():
    gold = [{"id": "a", "lang": "en", "title": "T", "published": None, "agency": None,
             "dateline_place": None}]
    pred = [{"id": "a", "title": "T", "published": "2024-01-01", "lang": "en", "agency": None,
             "dateline_place": None}]
    metrics = metadata.score(gold, pred)
    assert metrics["published_invented"] == 1
    assert metrics["published_acc"] == 0.0
    assert metrics["published_acc_nothing"] == 1.0
    assert metrics["title_acc"] == 1.0


def test_unknown_and_unbuilt_tasks_raise_clear_errors(monkeypatch):
    with pytest.raises(InputError, match="unknown task"):
        load_task("sentiment")
    # a task listed before its stage exists (how a new issue's task starts)
    monkeypatch.setitem(TASKS, "sentiment", "how an article feels (not built)")
    with pytest.raises(NotBuiltError, match="not built yet"):
        load_task("sentiment")


def test_eval_json_output_ends_with_one_json_line(shared, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "tidings", "eval", "metadata", "--gold",
         str(_seed_gold(shared, tmp_path)), "--json"],
        capture_output=True, text=True, check=True,
    )
    metrics = json.loads(done.stdout.strip().splitlines()[-1])
    assert metrics["task"] == "metadata" and metrics["all_fields_acc"] == 1.0
