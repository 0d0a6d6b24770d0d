"""``tidings bench``: its rows run, and are named after, the stages of the default pipeline."""

from __future__ import annotations

import json

import pytest

from tidings.bench.ingest_bench import _TIDINGS, _measure, _step_name


def test_rows_are_named_after_the_stages_their_process_ran():
    assert _step_name({"seconds": 1.0}, every=False) == "baseline: json + sqlite insert"
    assert _step_name({"stages": []}, every=False) == "ingest: read + store"
    assert _step_name({"stages": ["language", "time"]}, every=False) == "ingest: + language + time"
    assert _step_name({"stages": ["language", "time"]}, every=False, before=["language"]) == (
        "ingest: + time"
    )
    assert _step_name({"stages": ["time", "events"]}, every=True, before=["time"]) == (
        "ingest: all 2 stages (+ events)"
    )


@pytest.mark.slow
def test_the_all_stages_step_runs_every_stage_of_the_default_pipeline(tmp_path):
    from tidings.pipeline import Pipeline

    corpus = tmp_path / "c.jsonl"
    text = "LIMA (Reuters) - Chinese President Xi Jinping met Peru's president on Thursday."
    corpus.write_text(json.dumps({"id": "1", "text": text, "date": "2024-11-14"}) + "\n")
    every = _measure(_TIDINGS, str(corpus), str(tmp_path / "all.db"), "*")
    assert every["stages"] == list(Pipeline().versions)
    assert every["articles"] == 1
    to_time = _measure(_TIDINGS, str(corpus), str(tmp_path / "time.db"), "time")
    assert to_time["stages"][-1] == "time"
    assert every["stages"][: len(to_time["stages"])] == to_time["stages"]
    two = _measure(_TIDINGS, str(corpus), str(tmp_path / "two.db"), "*", "2")
    assert two["workers"] == 2 and two["articles"] == 1 and "worker_rss_mb" in two
