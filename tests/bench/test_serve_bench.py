"""``tidings bench serve``: every kind of request is planned, answered and reported, with its
percentiles in order and its ratio to the floor of the same run (no timing is asserted)."""

from __future__ import annotations

import pytest

from tidings.bench import serve_bench

TARGETS = {"ids": ["a1", "b2"], "titles": ["oil prices rise"], "words": ["oil", "wheat"],
           "actors": ["USA"], "types": ["AGREE"], "semantic": True}


def test_the_plan_holds_every_kind_in_its_share_and_at_least_once():
    planned = serve_bench.plan(TARGETS, 200)
    kinds = [kind for kind, _ in planned]
    assert set(kinds) == set(serve_bench.WEIGHTS)
    assert kinds.count("search text") == 40
    assert serve_bench.plan(TARGETS, 3) and {k for k, _ in serve_bench.plan(TARGETS, 3)} == set(
        serve_bench.WEIGHTS)
    paths = dict(planned)
    assert paths["search semantic"].startswith("/api/articles?q=oil+prices+rise&mode=semantic")
    assert paths["article page"] in ("/articles/a1", "/articles/b2")


def test_a_store_without_vectors_gets_no_semantic_search():
    planned = serve_bench.plan({**TARGETS, "semantic": False}, 100)
    assert "search semantic" not in {kind for kind, _ in planned}


def test_rows_give_percentiles_in_order_errors_and_ratios_to_the_floor_of_the_same_load():
    timed = {"samples": [["floor", 200, 2.0]] * 10 + [["search text", 200, float(ms)]
                                                      for ms in range(1, 101)]
             + [["article page", 503, 40.0]], "errors": [], "seconds": 1.0}
    first = {"samples": [["search text", 200, 900.0]]}
    idle = {"samples": [["floor (idle)", 200, 1.0]] * 5}
    rows = {row["kind"]: row for row in serve_bench.summarise(first, idle, timed)}
    assert list(rows) == ["floor (idle)", "floor", "search text", "article page",
                          "search (all)", "article (all)"]
    text = rows["search text"]
    assert text["p50_ms"] <= text["p95_ms"] <= text["p99_ms"] <= text["max_ms"] == 100.0
    assert text["first_ms"] == 900.0
    assert text["x_floor_p50"] == round(text["p50_ms"] / 2.0, 1)
    assert rows["article page"]["errors"] == 1
    assert rows["floor (idle)"]["p50_ms"] == 1.0


@pytest.mark.slow
def test_the_bench_on_a_tiny_store_reports_search_article_and_events_without_errors(
        tmp_path, shared):
    corpus = shared / "eval" / "corpora" / "reuters21578_en.jsonl"
    result = serve_bench.run(corpus, size=60, requests=100, work=tmp_path)
    assert result["load"]["errors"] == 0, result["errors"]
    assert result["load"]["sent"] == result["load"]["planned"] >= 100
    rows = {row["kind"]: row for row in result["rows"]}
    for group in ("search", "article", "events"):
        row = rows[f"{group} (all)"]
        assert row["requests"] > 0
        assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
        assert row["x_floor_p99"] > 0
    assert rows["search semantic"]["first_ms"] is not None
    store = result["store"]
    assert store["articles"] == 60 and store["vectors"] == 60 and not store["reused"]
    # a second run finds the store it built
    db, again = serve_bench.build_store(corpus, 60, tmp_path)
    assert again["reused"] and db == tmp_path / store["key"] / "store.db"
