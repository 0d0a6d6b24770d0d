"""The ``storylines`` task: which records belong to one storyline over months (issue #17).

Input records (JSONL): ``id``, ``lang``, ``date``, ``title``, ``text`` (gold: ``cluster``, the
storyline: ML-crisis's four crises, the Chinese timeline's one). The records are ingested in
date order, as a feed would bring them (ties in file order), into a throwaway store through
the default pipeline and every corpus stage; each record's prediction is the theme storyline
its article's story is in: ``{id, cluster}``. A record the pipeline rejects is a storyline of
its own.

Scores: BCubed precision, recall and F1 (as ``clustering``), the number of predicted and
gold storylines, and the same three per language.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tidings.evaluate.tasks.clustering import bcubed, labels, through_store

NAME = "storylines"
GOLD_FIELDS: tuple[str, ...] = ("cluster",)


def predict(records: list[dict[str, Any]], settings: Any = None) -> list[dict[str, Any]]:
    """Each record's theme storyline, ``{id, cluster}``, in input order."""
    from tidings.queries import StorylineQuery

    def themes(store: Any) -> dict[str, str]:
        return {article["record_id"]: line["id"]
                for line in store.storylines(StorylineQuery(kind="theme", limit=None))
                for story in line["stories"] for article in story["articles"]}

    ordered = sorted(records, key=lambda r: str(r.get("date") or "9999"))
    found = through_store(ordered, themes, settings)
    return [{"id": r["id"], "cluster": found.get(str(r["id"]), f"alone:{r['id']}")}
            for r in records]


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    truth = {str(r["id"]): str(r["cluster"]) for r in gold}
    mine = labels(truth, predicted)
    p, r, f = bcubed(truth, mine)
    result: dict[str, Any] = {
        "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4),
        "storylines": len(set(mine.values())), "gold_storylines": len(set(truth.values())),
    }
    by_lang: dict[str, list[str]] = defaultdict(list)
    for record in gold:
        by_lang[str(record.get("lang") or "?")].append(str(record["id"]))
    if len(by_lang) > 1:
        for lang, ids in sorted(by_lang.items()):
            p, r, f = bcubed({i: truth[i] for i in ids}, {i: mine[i] for i in ids})
            result[f"bcubed_f1_{lang}"] = round(f, 4)
    return result
