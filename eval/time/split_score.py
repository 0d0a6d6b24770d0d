"""Score a timex gold file in two parts: the first two thirds of its documents (tune) and the
last third (check), so rules are tuned on one part and judged on the other.

    .venv/bin/python eval/time/split_score.py FILE [FILE ...]            # figures only
    .venv/bin/python eval/time/split_score.py FILE --errors tune         # tune-part misses

Our own gold (eval/time/own_<lang>.jsonl) carries its split in each record (`split`: tune or
holdout); other files are cut by document order. Errors are shown for the tune part only:
the check part is looked at as a figure, never line by line.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from tidings.evaluate.tasks import timex


def parts(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Tune and check records: by each record's own `split` where it has one, else the first
    two thirds of the documents against the last third."""
    if all("split" in r and r["split"] in ("tune", "holdout") for r in records):
        return {"tune": [r for r in records if r["split"] == "tune"],
                "check": [r for r in records if r["split"] == "holdout"]}
    cut = math.ceil(len(records) * 2 / 3)
    return {"tune": records[:cut], "check": records[cut:]}


def sentence_ok(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Every gold expression found with its exact span and value, and nothing else."""
    want = {(g["start"], g["end"], timex.canonical(g.get("value", g.get("val"))))
            for g in gold.get("timexes") or []}
    got = {(p["start"], p["end"], timex.canonical(p["value"])) for p in pred["timexes"]}
    return want == got


def report(path: Path, show: str | None) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    for name, part in parts(records).items():
        pred = timex.predict(part)
        m = timex.score(part, pred)
        ok = sum(sentence_ok(g, p) for g, p in zip(part, pred, strict=True))
        print(f"{path.stem:34} {name:5} docs {len(part):4} gold {m['gold']:5} "
              f"strict {m['strict_f1']:.3f} relaxed {m['relaxed_f1']:.3f} "
              f"value {m['value_f1']:.3f} sentences {ok}/{len(part)}")
        if show == name == "tune":
            for g, p in zip(part, pred, strict=True):
                if not sentence_ok(g, p):
                    print_errors(g, p)


def print_errors(gold: dict[str, Any], pred: dict[str, Any]) -> None:
    """Gold and predicted expressions of one document that do not agree."""
    want = {(g["start"], g["end"]): timex.canonical(g.get("value", g.get("val")))
            for g in gold.get("timexes") or []}
    got = {(p["start"], p["end"]): timex.canonical(p["value"]) for p in pred["timexes"]}
    text = gold["text"]
    print(f"--- {gold.get('doc_id')} dct {gold.get('dct')}")
    for span in sorted(set(want) | set(got)):
        if want.get(span) == got.get(span):
            continue
        left = text[max(0, span[0] - 50):span[0]].replace("\n", " ")
        right = text[span[1]:span[1] + 30].replace("\n", " ")
        print(f"  {'G' if span in want else ' '}{'P' if span in got else ' '} "
              f"{want.get(span, '-'):>14} {got.get(span, '-'):>14}  "
              f"{left}[[{text[span[0]:span[1]]}]]{right}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--errors", choices=["tune"], help="list the tune part's misses")
    args = parser.parse_args()
    for path in args.files:
        report(path, args.errors)


if __name__ == "__main__":
    main()
