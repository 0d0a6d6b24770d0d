"""The ``clustering`` task: which records report the same real-world event (issue #14).

Input records (JSONL): ``id``, ``lang``, ``date`` (or null), ``title``, ``text``. The task
runs exactly what a user's store runs: the records are ingested into a throwaway SQLite store
through the default pipeline (the record ``date`` is the article date), the corpus stages
(near-duplicates, stories) fold them in, in file order, and each record's prediction is the
story its article joined: ``{id, cluster}``. A record the pipeline rejects (too short, empty)
is a story of its own.

Scores: BCubed precision, recall and F1 against the gold ``cluster_burst`` where the gold has
it (ITN: a subject split at gaps of more than 10 days, the event-level gold), else
``cluster``; also the number of predicted and gold clusters.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

NAME = "clustering"
GOLD_FIELDS: tuple[str, ...] = ("cluster", "cluster_burst", "topic")


def predict(records: list[dict[str, Any]], settings: Any = None) -> list[dict[str, Any]]:
    """Each record's story, ``{id, cluster}``, in input order."""
    from tidings.queries import StoryQuery

    def stories(store: Any) -> dict[str, str]:
        return {article["record_id"]: story["id"]
                for story in store.stories(StoryQuery(limit=None))
                for article in story["articles"]}

    found = through_store(records, stories, settings)
    return [{"id": r["id"], "cluster": found.get(str(r["id"]), f"alone:{r['id']}")}
            for r in records]


def through_store(records: list[dict[str, Any]], read: Callable[[Any], dict[str, str]],
                  settings: Any = None) -> dict[str, str]:
    """Ingest ``records`` (in this order) into a throwaway store through the default
    pipeline and the corpus stages, and return ``read(store)``: record id -> cluster."""
    from tidings.config import default_settings
    from tidings.corpus.update import update
    from tidings.pipeline import Pipeline
    from tidings.run import ingest
    from tidings.store import open_store

    settings = settings or default_settings()
    with tempfile.TemporaryDirectory(prefix="tidings-clustering-") as tmp:
        path = Path(tmp) / "records.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(_input(record), ensure_ascii=False) + "\n")
        with open_store(Path(tmp) / "store.db", settings=settings.store) as store:
            ingest([str(path)], store, Pipeline(settings=settings))
            update(store, settings)
            return read(store)


def _input(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(record["id"]), "lang": record.get("lang"), "date": record.get("date"),
            "title": record.get("title"), "text": record.get("text") or ""}


def gold_label(record: dict[str, Any]) -> str:
    """The event-level gold cluster of a record."""
    return str(record.get("cluster_burst") or record["cluster"])


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of ``predicted`` against ``gold`` (item -> label)."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
        by_pred[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    n = len(gold) or 1
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def labels(truth: dict[str, str], predicted: list[dict[str, Any]]) -> dict[str, str]:
    """Each gold item's predicted cluster; an item predicted in none is alone."""
    mine = {str(r["id"]): str(r["cluster"]) for r in predicted if r.get("cluster") is not None}
    return {item: mine.get(item, f"alone:{item}") for item in truth}


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    truth = {str(r["id"]): gold_label(r) for r in gold}
    mine = labels(truth, predicted)
    p, r, f = bcubed(truth, mine)
    return {
        "bcubed_p": round(p, 4),
        "bcubed_r": round(r, 4),
        "bcubed_f1": round(f, 4),
        "clusters": len(set(mine.values())),
        "gold_clusters": len(set(truth.values())),
    }
