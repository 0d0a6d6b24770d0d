"""Fit the map from an event's raw confidence to the share of such events that are right.

An event is right when its sentence's gold has an event of its type with both sides right
(the scorer's rule: ``tidings eval events``). The data are the sets we tune on and that code
both sides: the PLOVER English dev records and the ``tune`` part of our own gold in every
language (``eval/events/own_<lang>.jsonl``); the ``holdout`` parts are never read here.
The map is isotonic (pool adjacent violators) over the raw confidence, stored as breakpoints.

    .venv/bin/python training/events_calibration/fit.py [--out FILE]

Blocks of fewer than ``MIN_BLOCK`` events are pooled with a neighbour, and each share is
smoothed towards one half by one right and one wrong event, so that a handful of events
never gives a confidence of exactly 0 or 1.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from tidings.evaluate.tasks import events as task
from tidings.stages.events import EventStage

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval" / "events"
OWN = ROOT / "eval" / "events"
LANGS = ("en", "de", "es", "fr", "zh")
MIN_BLOCK = 20


def records() -> list[dict]:
    rows = [json.loads(line) for line in (SHARED / "plover_gsr_dev_en.jsonl").open()]
    for lang in LANGS:
        own = [json.loads(line) for line in (OWN / f"own_{lang}.jsonl").open()]
        rows += [r for r in own if r.get("split") == "tune"]
    return rows


def pairs(rows: list[dict], stage: EventStage) -> list[tuple[float, int]]:
    """(raw confidence, right) for every counted event predicted on ``rows``."""
    out = []
    for record in rows:
        article = task.analyse(record["text"], record["lang"], task.iso_date(record.get("date")))
        article = stage(article)
        gold = task.gold_events(record)
        negated = record.get("status") == "negated"
        for event in article.events:
            if (event.status == "negated") != negated:
                continue
            src = task._countries([a.code or a.country for a in event.source])
            tgt = task._countries([a.code or a.country for a in event.target])
            right = any(
                g["type"] == event.type and task._side_ok(g["source"], src)
                and task._side_ok(g["target"], tgt)
                for g in gold
            )
            out.append((event.confidence, int(right)))
    return out


def isotonic(points: list[tuple[float, int]]) -> list[tuple[float, float, int]]:
    """Blocks ``(mean raw, share right, count)`` increasing in share (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [sum raw, sum right, count]
    for raw, right in sorted(points):
        blocks.append([raw, right, 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    merged: list[list[float]] = []
    for block in blocks:
        if merged and (merged[-1][2] < MIN_BLOCK or block[2] < MIN_BLOCK):
            for k in range(3):
                merged[-1][k] += block[k]
        else:
            merged.append(list(block))
    if len(merged) > 1 and merged[-1][2] < MIN_BLOCK:
        last = merged.pop()
        for k in range(3):
            merged[-1][k] += last[k]
    return [(s / n, (r + 1) / (n + 2), int(n)) for s, r, n in merged]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src/tidings/models/events-calibration"
                        / "calibration.json")
    args = parser.parse_args()
    rows = records()
    points = pairs(rows, EventStage(calibrated=False))
    blocks = isotonic(points)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "about": "raw event confidence -> share of such events right (type and both sides), "
                 "isotonic; written by training/events_calibration/fit.py",
        "fitted": date.today().isoformat(),
        "records": len(rows),
        "events": len(points),
        "points": [[round(x, 4), round(y, 4), n] for x, y, n in blocks],
    }, indent=1) + "\n")
    print(f"{len(points)} events from {len(rows)} records; {len(blocks)} blocks")
    for x, y, n in blocks:
        print(f"  raw {x:.3f} -> {y:.3f} ({n} events)")


if __name__ == "__main__":
    main()
