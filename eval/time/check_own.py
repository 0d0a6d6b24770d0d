"""Check our own time gold (eval/time/own_<lang>.jsonl): schema, offsets, types, values, splits.

    .venv/bin/python eval/time/check_own.py          # exit status 1 on any problem

Prints per language: records, tune/holdout, sentences without a time expression, types.

A file is the first set (``OWN-FR-001`` ...: every third record held out) followed by an
optional extra tune set written in a later round (``OWN-FR-T01`` ...: all ``tune``; see
README.md), so adding tune sentences never shifts the held-out third.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
EXPECTED = {"de": 50, "es": 50, "fr": 50, "zh": 50, "en": 30}  # at least this many records
TYPES = {"DATE", "TIME", "DURATION", "SET"}
# TIMEX3 values used here: dates down to the day (years, decades, seasons, quarters, halves,
# ISO weeks and weekends), times with a part of day or a clock time, durations, sets.
VALUE = {
    "DATE": re.compile(r"^(?:\d{3,4}|\d{4}-(?:\d\d(?:-\d\d)?|Q[1-4]|H[12]|SP|SU|FA|WI|"
                       r"W\d\d(?:-WE)?)|PAST_REF|PRESENT_REF|FUTURE_REF)$"),
    "TIME": re.compile(r"^\d{4}-\d\d-\d\dT(?:MO|MI|AF|EV|NI|\d\d:\d\d)$"),
    "DURATION": re.compile(r"^P(?:\d+[YMWD])*(?:T(?:\d+[HMS])+)?$"),
    "SET": re.compile(r"^(?:P\d+[YMWD]|PT\d+H|XXXX-WXX-[1-7])$"),
}


def check(lang: str, path: Path, errors: list[str]) -> dict:
    """Check one file; append problems to ``errors``; return counts for the summary."""
    types: Counter = Counter()
    n = tune = hold = empty = extra = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        if extra or str(r.get("doc_id", "")).startswith(f"OWN-{lang.upper()}-T"):
            extra += 1
            want_id, want = f"OWN-{lang.upper()}-T{extra:02d}", "tune"
        else:
            n += 1
            want_id, want = f"OWN-{lang.upper()}-{n:03d}", "holdout" if n % 3 == 0 else "tune"
        if r.get("doc_id") != want_id:
            errors.append(f"{where}: doc_id {r.get('doc_id')} out of order")
        if r.get("lang") != lang:
            errors.append(f"{where}: lang {r.get('lang')}")
        if not re.fullmatch(r"20\d\d-\d\d-\d\d", str(r.get("dct"))):
            errors.append(f"{where}: dct {r.get('dct')}")
        if r.get("split") != want:
            errors.append(f"{where}: split {r.get('split')}, expected {want}")
        tune += want == "tune"
        hold += want == "holdout"
        text = r.get("text", "")
        timexes = r.get("timexes")
        if not isinstance(timexes, list):
            errors.append(f"{where}: no timexes list")
            continue
        empty += not timexes
        end = 0
        for t in timexes:
            start, stop = t.get("start", -1), t.get("end", -1)
            if not (0 <= start < stop <= len(text)) or text[start:stop] != t.get("text"):
                errors.append(f"{where}: offsets {start}-{stop} do not give {t.get('text')!r}")
            if start < end:
                errors.append(f"{where}: {t.get('text')!r} overlaps or is out of order")
            end = max(end, stop)
            kind = t.get("type")
            types[kind] += 1
            if kind not in TYPES:
                errors.append(f"{where}: type {kind}")
            elif not VALUE[kind].match(str(t.get("value"))):
                errors.append(f"{where}: value {t.get('value')!r} is not a {kind} value")
    if n < EXPECTED[lang]:
        errors.append(f"{path.name}: {n} records, expected at least {EXPECTED[lang]}")
    if hold != n // 3:
        errors.append(f"{path.name}: {hold} holdout, expected {n // 3}")
    if empty < 2:
        errors.append(f"{path.name}: only {empty} sentences without a time expression")
    return {"n": n + extra, "tune": tune, "holdout": hold, "empty": empty, "types": types,
            "extra": extra}


def main() -> int:
    """Check every language; print a summary and the problems."""
    errors: list[str] = []
    for lang in EXPECTED:
        s = check(lang, HERE / f"own_{lang}.jsonl", errors)
        kinds = " ".join(f"{t}:{c}" for t, c in sorted(s["types"].items()))
        print(f"{lang}: {s['n']} records ({s['tune']} tune, {s['extra']} of them in the extra "
              f"set, {s['holdout']} holdout), "
              f"{s['empty']} without a time expression; {kinds}")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
