"""The ``search`` task: does a query find the articles it is about, in any language (issue #15)?

Gold records (JSONL, ``eval/search/demo_queries.jsonl``)::

    {"id": "q01", "query": "Valencia floods", "lang": "en", "split": "tune"|"check",
     "relevant": ["5dde0764d9552112", ...], "note": "..."}

``relevant`` lists every article of the bundled demo corpus (``tidings.demo``) that a person
asking the query would want, whatever its language; article ids are content hashes, so they
are the same in every store the demo corpus is ingested into.

Predict: the demo corpus is ingested into a throwaway store once, exactly as ``tidings demo``
does (default pipeline, then the corpus stages, which keep each article's multilingual story
vector), and each query is asked in every mode of ``MODES`` through ``service.search``, the
function behind ``tidings search`` and the HTTP API: ``text`` (FTS5 over the words),
``semantic`` (the query's USE-multilingual vector against the article vectors) and ``both``
(the two rankings fused by reciprocal rank). A prediction keeps the first ``DEPTH`` ids of
each mode; a mode that raises a ``TidingsError`` is recorded with its reason, not skipped.

Scores, per mode: ``recall@10`` (the share of a query's relevant articles among its first ten
hits, averaged over queries), ``mrr`` (the mean of 1 / rank of the first relevant hit, 0 when
none is in the ten) and ``no_hits`` (queries with an empty result: full text needs every
word). Overall, per ``split`` (``tune``: look at it while choosing settings; ``check``: held
out, read once) and per query language. The control ``chance_recall@10`` is what ten
articles drawn at random from the corpus would find.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tidings.errors import InputError, TidingsError
from tidings.store.base import Store

NAME = "search"
GOLD_FIELDS: tuple[str, ...] = ("relevant",)
MODES: tuple[str, ...] = ("text", "semantic", "both")
# Hits read per query: recall@10 is the figure issue #15 asks for.
DEPTH = 10


@contextmanager
def demo_store(settings: Any = None, corpus: Path | None = None) -> Iterator[Store]:
    """A throwaway store holding ``corpus`` (the bundled demo corpus by default) with its
    stories and story vectors built; deleted when the block ends."""
    from tidings import service
    from tidings.config import default_settings
    from tidings.demo import demo_corpus
    from tidings.pipeline import Pipeline
    from tidings.run import ingest
    from tidings.store import open_store

    settings = settings or default_settings()
    with tempfile.TemporaryDirectory(prefix="tidings-search-") as tmp, \
            open_store(Path(tmp) / "store.db", settings=settings.store) as store:
        ingest([str(corpus or demo_corpus())], store, Pipeline(settings=settings))
        service.update_stories(store, settings)
        yield store


def ranked(store: Store, query: str, mode: str, depth: int = DEPTH) -> list[str]:
    """The ids of the first ``depth`` articles ``service.search`` gives for ``query``."""
    from tidings import service
    from tidings.queries import ArticleQuery

    hits = service.search(store, ArticleQuery.parse(query, mode=mode, limit=depth))
    return [str(hit["id"]) for hit in hits]


def search_all(store: Store, records: list[dict[str, Any]],
               modes: tuple[str, ...] = MODES) -> list[dict[str, Any]]:
    """Each record with ``ranked`` (mode -> ids, best first), ``errors`` (mode -> why a mode
    gave no ranking) and ``pool`` (articles in the store), in input order."""
    pool = int(store.status().get("articles") or 0)
    out = []
    for number, record in enumerate(records, 1):
        query = str(record.get("query") or "").strip()
        if not query:
            raise InputError(f"search record {record.get('id', number)} has no query",
                             hint='give each record a "query" string')
        rankings: dict[str, list[str]] = {}
        errors: dict[str, str] = {}
        for mode in modes:
            try:
                rankings[mode] = ranked(store, query, mode)
            except TidingsError as exc:
                errors[mode] = str(exc)
        out.append({**record, "ranked": rankings, "errors": errors, "pool": pool})
    return out


def predict(records: list[dict[str, Any]], settings: Any = None,
            store: Store | None = None) -> list[dict[str, Any]]:
    """Rankings of every mode for each query record, over ``store`` when given (tests share
    one), else over a fresh store of the demo corpus."""
    if store is not None:
        return search_all(store, records)
    with demo_store(settings) as fresh:
        return search_all(fresh, records)


def recall_at(relevant: set[str], ranking: list[str], depth: int = DEPTH) -> float:
    """The share of ``relevant`` found among the first ``depth`` of ``ranking``."""
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:depth])) / len(relevant)


def reciprocal_rank(relevant: set[str], ranking: list[str], depth: int = DEPTH) -> float:
    """1 / the rank of the first relevant id in the first ``depth``; 0 when there is none."""
    for rank, ident in enumerate(ranking[:depth], 1):
        if ident in relevant:
            return 1.0 / rank
    return 0.0


def _relevant(record: dict[str, Any]) -> set[str]:
    relevant = record.get("relevant")
    if not isinstance(relevant, list) or not relevant:
        raise InputError(f"search gold record {record.get('id')} has no relevant articles",
                         hint='list the ids of the articles it should find in "relevant"')
    return {str(ident) for ident in relevant}


def _summary(rows: list[dict[str, dict[str, float]]], modes: list[str]) -> dict[str, Any]:
    """Means of per-query figures (mode -> figure -> value) over ``rows``."""
    result: dict[str, Any] = {}
    for mode in modes:
        for figure in ("recall@10", "mrr"):
            values = [row[mode][figure] for row in rows]
            result[f"{mode}_{figure}"] = round(sum(values) / len(values), 4) if values else None
    result["queries"] = len(rows)
    return result


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """recall@10 and MRR per mode: overall, per split, per query language; per query, the
    recall of each mode. A query a mode failed on (or that has no prediction) scores 0 in
    that mode, and ``failed`` says which and why."""
    by_id = {str(p.get("id")): p for p in predicted}
    seen = {m for p in predicted for m in (*(p.get("ranked") or {}), *(p.get("errors") or {}))}
    modes = [m for m in MODES if m in seen] + sorted(seen - set(MODES))
    rows: list[dict[str, dict[str, float]]] = []
    by_split: dict[str, list[int]] = defaultdict(list)
    by_lang: dict[str, list[int]] = defaultdict(list)
    no_hits: dict[str, int] = defaultdict(int)
    failed: dict[str, list[str]] = defaultdict(list)
    for record in gold:
        ident = str(record.get("id"))
        relevant = _relevant(record)
        mine = by_id.get(ident) or {"errors": {m: "no prediction" for m in modes}}
        row = {}
        for mode in modes:
            ranking = (mine.get("ranked") or {}).get(mode) or []
            if mode in (mine.get("errors") or {}):
                failed[mode].append(f"{ident}: {mine['errors'][mode]}")
            row[mode] = {"recall@10": recall_at(relevant, ranking),
                         "mrr": reciprocal_rank(relevant, ranking)}
            no_hits[mode] += not ranking
        by_split[str(record.get("split") or "unsplit")].append(len(rows))
        by_lang[str(record.get("lang") or "unknown")].append(len(rows))
        rows.append(row)
    result: dict[str, Any] = {}
    for mode in modes:
        result.update(_summary(rows, [mode]))
        for split in ("tune", "check"):
            if split in by_split:
                part = _summary([rows[i] for i in by_split[split]], [mode])
                result[f"{mode}_recall@10_{split}"] = part[f"{mode}_recall@10"]
                result[f"{mode}_mrr_{split}"] = part[f"{mode}_mrr"]
        result[f"{mode}_no_hits"] = no_hits[mode]
    result.pop("queries", None)
    pools = {p.get("pool") for p in predicted}
    pool = pools.pop() if len(pools) == 1 else None
    if pool:
        result["chance_recall@10"] = round(min(DEPTH, pool) / pool, 4)
    for mode, reasons in failed.items():
        result[f"{mode}_failed"] = f"{len(reasons)} queries, first {reasons[0]}"
    result["per_split"] = {s: _summary([rows[i] for i in idx], modes)
                           for s, idx in sorted(by_split.items())}
    result["per_lang"] = {lang: _summary([rows[i] for i in idx], modes)
                          for lang, idx in sorted(by_lang.items())}
    result["per_query"] = {str(r.get("id")): {m: round(row[m]["recall@10"], 4) for m in modes}
                           for r, row in zip(gold, rows, strict=True)}
    return result
