"""Samples of ML-crisis for the storylines task: a tune part and a check part that never meet.

A record is in the check part when the SHA-1 of its id is 0 modulo 3, else in the tune part
(a third held out, as the other tasks do); each sample takes the first ``--n`` records of its
part in the order of the hash, so it mixes languages and crises the way the file does.

    python training/storylines/sample.py --part tune --n 400 --out /tmp/sl_tune.jsonl
    tidings eval storylines --gold /tmp/sl_tune.jsonl

Choose settings on the tune part only; read the check part once, at the end, to report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "../shared/eval/storylines/ml_crisis_es_fr_it.jsonl"


def key(ident: str) -> int:
    return int(hashlib.sha1(ident.encode("utf-8")).hexdigest(), 16)


def part_of(ident: str) -> str:
    return "check" if key(ident) % 3 == 0 else "tune"


def sample(path: Path, part: str, n: int) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    mine = [r for r in records if part_of(str(r["id"])) == part]
    mine.sort(key=lambda r: key(str(r["id"])) // 3)
    return mine[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--part", choices=("tune", "check"), required=True)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    chosen = sample(args.gold, args.part, args.n)
    with open(args.out, "w", encoding="utf-8") as handle:
        for record in chosen:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} records of the {args.part} part -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
