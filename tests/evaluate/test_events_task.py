"""The events evaluation task: both gold schemas, the scores, predict never reads gold, and
the eval command. The development-set floors are in eval/floors.toml (test_eval_gate.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.evaluate import read_records, strip_gold
from tidings.evaluate.tasks import events

SHARED = Path(os.environ.get("TIDINGS_SHARED", Path(__file__).resolve().parents[3] / "shared"))
EVENTS = SHARED / "eval" / "events"


def _plover(id_, type_, source, target):
    return {
        "id": id_,
        "lang": "en",
        "date": "2000-01-01",
        "text": "x",
        "event": type_,
        "source": [{"actorText": c, "code": c} for c in source],
        "target": [{"actorText": c, "code": c} for c in target],
    }


def _pred(id_, *evs):
    return {
        "id": id_,
        "events": [{"type": t, "source": s, "target": g, "status": st} for t, s, g, st in evs],
    }


def test_gold_events_read_both_schemas_and_map_cameo():
    assert events.gold_events(_plover("a", "AGREE", ["ISR", "PSE"], [])) == [
        {"type": "AGREE", "source": {"ISR", "PSE"}, "target": set()}
    ]
    record = {
        "id": "b",
        "events": [
            {"source": "COLREB", "target": "---PTY", "cameo": "130_threaten"},
            {"source": "USA", "target": "CHN", "cameo": "042"},
            {"source": "USA", "target": "CHN", "cameo": "010"},  # a statement: no PLOVER type
            {"source": "---", "target": "---", "cameo": "10", "plover": "SACTION"},
        ],
    }
    assert events.gold_events(record) == [
        {"type": "THREATEN", "source": {"COL"}, "target": set()},
        {"type": "CONSULT", "source": {"USA"}, "target": {"CHN"}},
        {"type": "SANCTION", "source": set(), "target": set()},
    ]


def test_score_counts_types_actors_and_ignores_negated_events():
    gold = [_plover("a", "AGREE", ["ISR"], ["PSE"]), _plover("b", "FIGHT", ["SRB"], [])]
    predicted = [
        _pred("a", ("AGREE", ["ISRGOV"], ["PSE"], "happened"), ("FIGHT", [], [], "negated")),
        _pred("b", ("ASSAULT", ["SRB"], [], "happened"), ("FIGHT", ["ALB"], [], "claimed")),
    ]
    result = events.score(gold, predicted)
    assert result["type_hit"] == 1.0
    assert result["predicted"] == 3  # the negated FIGHT is not a predicted event
    assert result["type_p"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["type_r"] == 1.0
    assert result["full_p"] == pytest.approx(1 / 3, abs=1e-3)  # FIGHT by ALB is not by SRB
    assert result["f1_AGREE"] == 1.0 and result["r_FIGHT"] == 1.0


def test_sentences_without_events_count_predictions_as_false():
    gold = [{"id": "n", "lang": "en", "text": "x", "events": [], "noevents": True}]
    result = events.score(gold, [_pred("n", ("PROTEST", [], [], "happened"))])
    assert result["with_gold"] == 0 and result["type_p"] == 0.0


def test_predict_never_sees_gold_fields():
    record = _plover("p", "PROTEST", ["IDN"], ["IDN"])
    record["text"] = "Thousands of students in Indonesia demonstrated on Saturday."
    poisoned = dict(record, event="AID", eventText="gave aid", markup="(EVT: gave)")
    clean = strip_gold([record], events.GOLD_FIELDS)
    assert events.predict(strip_gold([poisoned], events.GOLD_FIELDS)) == events.predict(clean)
    assert [e["type"] for e in events.predict(clean)[0]["events"]] == ["PROTEST"]


@pytest.mark.slow
def test_cli_eval_events_prints_a_json_metrics_line(tmp_path):
    sample = tmp_path / "sample.jsonl"
    records = list(read_records(EVENTS / "universalpetrarch_petr2_gsr_validation_en.jsonl"))[:12]
    sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tidings", "eval", "events", "--gold", str(sample), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    metrics = json.loads(done.stdout.strip().splitlines()[-1])
    assert metrics["records"] == 12 and 0.0 <= metrics["type_hit"] <= 1.0
    out = tmp_path / "pred.jsonl"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tidings",
            "predict",
            "events",
            "--input",
            str(sample),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert "events" in first and "noevents" not in first
