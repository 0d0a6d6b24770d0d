"""Check our own events gold (eval/events/own_<lang>.jsonl): schema, substrings, types, splits.

    .venv/bin/python eval/events/check_own.py          # exit status 1 on any problem

Prints per language: records, tune/holdout, non-events, types covered, and the hard cases.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
TYPES = {
    "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
    "INVESTIGATE", "DEMAND", "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
    "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT",
}
EXPECTED = {"en": 48, "de": 48, "es": 48, "fr": 48, "zh": 48, "pt": 24, "it": 24}
REQUIRED_CASES = [
    "passive", "possessive_nominal", "coord_subj", "coord_obj", "relative_clause",
    "reporting_frame", "sector_noun", "metonymy", "igo", "venue_not_actor",
    "adjective_not_actor", "negated", "planned", "non_event",
]
CODE = re.compile(r"^(?:[A-Z]{3}(?:[A-Z]{3})?|IGO[A-Z]{2,10}|NGO|IMG[A-Z]{3})$")
SECTORS = {
    "GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF", "CVL", "ELI",
    "BUS", "EDU", "MED", "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM",
}


def check(lang: str, path: Path, errors: list[str]) -> dict:
    ids: set[str] = set()
    types: Counter = Counter()
    cases: Counter = Counter()
    n = tune = hold = non = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        try:
            r = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        n += 1
        rid = r.get("id", "")
        if rid in ids:
            errors.append(f"{where}: duplicate id {rid}")
        ids.add(rid)
        if rid != f"OWN-{lang.upper()}-{n:03d}":
            errors.append(f"{where}: id {rid} out of order")
        if r.get("lang") != lang:
            errors.append(f"{where}: lang {r.get('lang')}")
        if not re.fullmatch(r"202[345]-\d\d-\d\d", str(r.get("date"))):
            errors.append(f"{where}: date {r.get('date')} not in 2023-2025")
        text = r.get("text", "")
        event = r.get("event")
        want = "holdout" if n % 3 == 0 else "tune"
        if r.get("split") != want:
            errors.append(f"{where}: split {r.get('split')}, expected {want}")
        tune += want == "tune"
        hold += want == "holdout"
        for side in ("source", "target"):
            for actor in r.get(side) or []:
                if actor.get("actorText") not in text:
                    words = actor.get("actorText")
                    errors.append(f"{where}: {side} actorText {words!r} not in text")
                code = actor.get("code", "")
                if not CODE.match(code) or (
                    len(code) == 6 and code[:3] not in ("IGO", "IMG") and code[3:] not in SECTORS
                ):
                    errors.append(f"{where}: odd actor code {code!r}")
        cases.update(r.get("cases") or [])
        if event is None:
            non += 1
            if r.get("source") or r.get("target") or r.get("mode"):
                errors.append(f"{where}: non-event with actors or mode")
            continue
        if event not in TYPES:
            errors.append(f"{where}: unknown type {event}")
        types[event] += 1
        if not r.get("eventText") or r["eventText"] not in text:
            errors.append(f"{where}: eventText {r.get('eventText')!r} not in text")
        if not r.get("source"):
            errors.append(f"{where}: event without source")
        if r.get("symmetric") and (r.get("target") or len(r.get("source") or []) < 2):
            errors.append(f"{where}: symmetric needs >= 2 sources and no target")
        if r.get("status") not in (None, "negated", "planned"):
            errors.append(f"{where}: status {r.get('status')}")
        if "negated" in (r.get("cases") or []) and r.get("status") != "negated":
            errors.append(f"{where}: negated case without status")
        if "planned" in (r.get("cases") or []) and r.get("status") != "planned":
            errors.append(f"{where}: planned case without status")
    if n != EXPECTED[lang]:
        errors.append(f"{path.name}: {n} records, expected {EXPECTED[lang]}")
    if hold != n // 3:
        errors.append(f"{path.name}: {hold} holdout, expected {n // 3}")
    if len(types) < 12:
        errors.append(f"{path.name}: only {len(types)} types")
    if not (n / 8 - 1 <= non <= n / 8 + 1):
        errors.append(f"{path.name}: {non} non-events, expected about {n // 8}")
    missing = [c for c in REQUIRED_CASES if not cases[c]]
    if missing:
        errors.append(f"{path.name}: hard cases missing: {', '.join(missing)}")
    return {"n": n, "tune": tune, "holdout": hold, "non": non, "types": types, "cases": cases}


def main() -> int:
    errors: list[str] = []
    for lang in EXPECTED:
        s = check(lang, HERE / f"own_{lang}.jsonl", errors)
        print(
            f"{lang}: {s['n']} records ({s['tune']} tune, {s['holdout']} holdout), "
            f"{s['non']} non-events, {len(s['types'])} types"
        )
        print("   ", " ".join(f"{t}:{c}" for t, c in sorted(s["types"].items())))
        print("   ", " ".join(f"{c}:{s['cases'][c]}" for c in REQUIRED_CASES))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
