"""Choose ``[storylines]`` settings on the tune part of ML-crisis (see sample.py).

The sample is ingested once (date order, the whole pipeline, stories) into a store kept at
``--store``; each setting then rebuilds only the storylines and is scored with BCubed:

    python training/storylines/sample.py --part tune --n 300 --out /tmp/sl_tune.jsonl
    python training/storylines/tune.py --gold /tmp/sl_tune.jsonl --store /tmp/sl_tune.db
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import replace
from pathlib import Path

from tidings.config import default_settings
from tidings.corpus.update import update
from tidings.evaluate.tasks.clustering import _input, bcubed
from tidings.pipeline import Pipeline
from tidings.queries import StorylineQuery
from tidings.run import ingest
from tidings.store import open_store

SHOW = False


def build(gold: list[dict], store_path: Path) -> None:
    if store_path.exists():
        return
    records = store_path.with_name(store_path.name + ".records.jsonl")
    with open(records, "w", encoding="utf-8") as handle:
        for record in sorted(gold, key=lambda r: str(r.get("date") or "9999")):
            handle.write(json.dumps(_input(record), ensure_ascii=False) + "\n")
    settings = default_settings()
    with open_store(store_path) as store:
        ingest([str(records)], store, Pipeline(settings=settings))
        update(store, settings)


def run(store_path: Path, gold: list[dict], **knobs: float) -> tuple[float, float, float, int]:
    settings = default_settings()
    settings = replace(settings, storylines=replace(settings.storylines, **knobs))
    with open_store(store_path) as store:
        store.corpus.reset("storylines")
        update(store, settings)
        found = {a["record_id"]: line["id"]
                 for line in store.storylines(StorylineQuery(kind="theme", limit=None))
                 for story in line["stories"] for a in story["articles"]}
    truth = {str(r["id"]): r["cluster"] for r in gold}
    mine = {i: found.get(i, f"alone:{i}") for i in truth}
    p, r, f = bcubed(truth, mine)
    if SHOW:
        from collections import Counter, defaultdict
        groups: dict[str, Counter] = defaultdict(Counter)
        for item, line in mine.items():
            groups[line][truth[item]] += 1
        for line, counts in sorted(groups.items(), key=lambda lc: -sum(lc[1].values()))[:12]:
            print(f"  {line[:20]:20} {dict(counts.most_common())}")
    return p, r, f, len(set(mine.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--store", type=Path, required=True)
    chosen = default_settings().storylines
    parser.add_argument("--threshold", type=float, nargs="+", default=[chosen.threshold])
    parser.add_argument("--entity-weight", type=float, nargs="+",
                        default=[chosen.entity_weight])
    parser.add_argument("--gap-months", type=int, nargs="+", default=[chosen.gap_months])
    parser.add_argument("--show", action="store_true", help="each storyline's gold mix")
    args = parser.parse_args(argv)
    global SHOW
    SHOW = args.show
    with open(args.gold, encoding="utf-8") as handle:
        gold = [json.loads(line) for line in handle if line.strip()]
    build(gold, args.store)
    for threshold, weight, gap in itertools.product(args.threshold, args.entity_weight,
                                                    args.gap_months):
        p, r, f, n = run(args.store, gold, threshold=threshold, entity_weight=weight,
                         gap_months=gap)
        print(f"threshold {threshold:.2f} entity_weight {weight:.2f} gap {gap:3d}: "
              f"P {p:.3f} R {r:.3f} F1 {f:.3f} storylines {n}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
