"""``tidings bench live`` on a small site: an unchanged round is one conditional GET per feed."""

from __future__ import annotations

from pathlib import Path

from tidings.bench import live_bench


def test_bench_live_counts_one_conditional_get_per_unchanged_feed(light_config: Path):
    result = live_bench.run(articles=12, feeds=4, config=light_config, repeats=1)
    baseline, first, second = result["rows"]
    assert baseline["articles"] == first["articles"] == 12 and second["articles"] == 0
    assert first["articles_per_s"] > 0 and first["x_baseline_time"] > 0
    assert result["unchanged_round"] == {**result["unchanged_round"], "feeds": 4,
                                         "requests": 4, "conditional": 4, "answered_304": 4,
                                         "other": 0, "added": 0}
