"""The tune records of our own events gold that the coder gets wrong, one line each.

    .venv/bin/python eval/events/tune_failures.py [en de ...]   (default: every own_<lang>)

Only records with ``"split": "tune"`` are read: the held-out third is never predicted or
shown here (score it with ``tidings eval events``, which reports it only in aggregate).
Each wrong sentence is printed with the gold (type, source countries, target countries) and
what was coded (the acts that count: happened, planned, claimed; negated ones for a negated
gold), then the tune sentence accuracy per language.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tidings.evaluate import read_records, strip_gold
from tidings.evaluate.tasks import events as task

HERE = Path(__file__).resolve().parent


def _show(events: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{e['type']} {'+'.join(sorted(e['source'])) or '-'} -> "
        f"{'+'.join(sorted(e['target'])) or '-'}"
        for e in events
    ) or "nothing"


def failures(lang: str) -> tuple[int, int]:
    """Print the wrong tune sentences of ``own_<lang>.jsonl``; (right, all) tune sentences."""
    gold = [r for r in read_records(HERE / f"own_{lang}.jsonl") if r.get("split") == "tune"]
    predicted = task.predict(strip_gold(gold, task.GOLD_FIELDS))
    right = 0
    for record, pred in zip(gold, predicted, strict=True):
        want = task.gold_events(record)
        got = task._predicted(pred, negated=record.get("status") == "negated")
        score = task.score([record], [pred])
        if score["sentence_acc"] == 1.0:
            right += 1
            continue
        print(f"{record['id']}: {record['text']}")
        print(f"    gold  {_show(want)}   [{record.get('eventText')}]")
        triggers = ", ".join(str(e.get("trigger")) for e in pred.get("events") or [])
        print(f"    coded {_show(got)}   [{triggers}]")
    return right, len(gold)


def main(argv: list[str]) -> int:
    langs = argv or sorted(p.stem.split("_", 1)[1] for p in HERE.glob("own_*.jsonl"))
    totals = {lang: failures(lang) for lang in langs}
    for lang, (right, count) in totals.items():
        print(f"{lang}: tune sentence accuracy {right}/{count} = {right / count:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
