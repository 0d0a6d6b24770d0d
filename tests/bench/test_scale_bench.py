"""``tidings bench scale``: the grown corpora are new articles, the hostile inputs are read (not
rejected for size), and the whole-ingest step reports what its rows show."""

from __future__ import annotations

import json

import pytest

from tidings.bench import scale_bench
from tidings.bench.ingest_bench import _measure
from tidings.config import load_settings
from tidings.model import content_id

WIRES = [
    {"id": "w1", "title": "Peru port opens", "date": "2024-11-14",
     "text": "LIMA, Nov 14 (Reuters) - The port of Chancay opened on Thursday with 15 berths."},
    {"id": "w2", "title": "Copper output rises", "date": "2024-11-15",
     "text": "LIMA, Nov 15 (Reuters) - Peru's copper output rose 7 percent in October."},
]


def test_a_grown_corpus_holds_new_articles_not_copies():
    grown = scale_bench.grown(WIRES, 7)
    assert len(grown) == 7
    assert grown[:2] == WIRES  # the wires first, unchanged
    ids = {content_id(r["title"], r["date"], r["text"]) for r in grown}
    assert len(ids) == 7  # every edition is an article of its own
    assert all(r["text"].startswith("Edition ") for r in grown[2:])
    assert len({r["id"] for r in grown}) == 7


def test_every_hostile_input_fits_under_the_read_limit():
    limit = load_settings().ingest.max_chars
    for name, make in scale_bench._HOSTILE.items():
        text = make()
        assert 900_000 < len(text) <= limit, name


@pytest.mark.slow
def test_the_whole_ingest_step_reports_speed_store_size_and_search_latency(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in WIRES), encoding="utf-8")
    row = _measure(scale_bench._WHOLE, str(corpus), str(tmp_path / "s.db"), "1", "20")
    assert row["articles"] == 2 and row["rejects"] == 0
    assert row["store_bytes"] > 0 and row["seconds"] >= row["per_article_seconds"] > 0
    assert 0 < row["search_p50_ms"] <= row["search_p99_ms"]
    assert row["searches_with_hits"] > 10  # the words come from the titles of the store
    finished = scale_bench._finish(dict(row))
    assert finished["articles_per_s"] > 0 and finished["store_kb_per_article"] > 0
