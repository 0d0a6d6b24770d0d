"""The ``timex`` task: temporal expressions with TIMEX3 types and values (issue #4).

Record schema (JSONL)::

    {"doc_id": "...", "lang": "en", "dct": "1998-08-07"|null, "text": "...",
     "timexes": [{"start": 114, "end": 120, "text": "Friday", "type": "DATE",
                  "value": "1998-08-07"}]}

TIMEX2 gold (WikiWarsDE) carries ``val`` instead of ``value`` and no ``type``: both work.

Scoring follows TempEval-3: a gold and a predicted expression match *strictly* when their
offsets are equal and *relaxed* when they overlap (one-to-one, largest overlap first). Type
and value accuracy are measured on the relaxed matches; **value F1** counts relaxed matches
with equal values against all predictions (precision) and all gold expressions (recall): the
headline figure. Values are compared after light canonicalisation (upper case, zero-padded
hours and weeks: ``T2:00`` == ``T02:00``, ``2000-W7`` == ``2000-W07``).

``sentence_acc`` is the share of records that are wholly right: every gold expression found
with its exact offsets and value and nothing else tagged (the bar of issue 13 for our own
sentences). Records with a ``split`` field (our own gold: ``tune`` / ``holdout``) are also
scored per split under ``per_split``, as the events task does.

Mode: each document is tagged in ``auto`` mode: ``narrative`` when the explicit years it names
lie at the median 8 or more years from its ``dct`` (history text downloaded years later, like
WikiWarsDE), else ``news``. The rule looks at the text only, never at the file name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from tidings.stages.time import tag

NAME = "timex"
GOLD_FIELDS: tuple[str, ...] = ("timexes",)
MODE = "auto"
_HOUR = re.compile(r"T(\d)(?=:|$)")
_WEEK = re.compile(r"-W(\d)(?=\D|$)")


def predict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """records have doc_id, lang, dct, text (gold fields removed). Return copies with
    "timexes": [{"start","end","text","type","value"}] filled in. Never read gold fields."""
    out = []
    for record in records:
        copy = {k: v for k, v in record.items() if k not in GOLD_FIELDS}
        found = tag(str(record.get("text") or ""), record.get("lang"), record.get("dct"), MODE)
        copy["timexes"] = [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
                "resolved": t.resolved,
            }
            for t in found
        ]
        out.append(copy)
    return out


def canonical(value: Any) -> str:
    """A TIMEX value in the form values are compared in: ``t2:00`` -> ``T02:00``."""
    text = str(value or "").strip().upper()
    text = _WEEK.sub(lambda m: f"-W0{m[1]}", text)
    return _HOUR.sub(lambda m: f"T0{m[1]}", text)


def _value(timex: dict[str, Any]) -> str:
    return canonical(timex.get("value", timex.get("val")))


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches (gold index, predicted index), largest overlap first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((-overlap, i, j))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _prf(tp: int, n_pred: int, n_gold: int, prefix: str) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}_p": round(p, 4), f"{prefix}_r": round(r, 4), f"{prefix}_f1": round(f, 4)}


def _metrics(counts: dict[str, int]) -> dict[str, float | int]:
    n_gold, n_pred = counts["gold"], counts["predicted"]
    out: dict[str, float | int] = {"docs": counts["docs"], "gold": n_gold, "predicted": n_pred}
    out.update(_prf(counts["strict"], n_pred, n_gold, "strict"))
    out.update(_prf(counts["relaxed"], n_pred, n_gold, "relaxed"))
    out.update(_prf(counts["value"], n_pred, n_gold, "value"))
    out.update(_prf(counts["type"], n_pred, n_gold, "type"))
    typed = counts["typed"]
    out["type_acc"] = round(counts["type"] / typed, 4) if typed else 0.0
    out["value_acc"] = round(counts["value"] / counts["relaxed"], 4) if counts["relaxed"] else 0.0
    out["sentence_acc"] = round(counts["right"] / counts["docs"], 4) if counts["docs"] else 0.0
    return out


def record_right(g_list: list[dict[str, Any]], p_list: list[dict[str, Any]]) -> bool:
    """Every gold expression found with its exact span and value, and nothing extra."""
    want = sorted((g["start"], g["end"], _value(g)) for g in g_list)
    return want == sorted((p["start"], p["end"], _value(p)) for p in p_list)


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """TempEval-3 style: strict and relaxed extent P/R/F1, type accuracy and value accuracy
    (on relaxed matches), value F1 (relaxed match with equal value, the headline figure),
    sentence accuracy; flat dict of floats/ints, plus "per_lang": {lang: {same keys}} and,
    when records carry a ``split``, "per_split": {split: {same keys}}."""
    by_id = {str(p.get("doc_id", i)): p for i, p in enumerate(predicted)}
    keys = ("docs", "gold", "predicted", "strict", "relaxed", "value", "type", "typed", "right")
    total = dict.fromkeys(keys, 0)
    per_lang: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(keys, 0))
    per_split: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(keys, 0))
    for i, record in enumerate(gold):
        pred_record = by_id.get(str(record.get("doc_id", i)), {})
        g_list = list(record.get("timexes") or [])
        p_list = list(pred_record.get("timexes") or [])
        counts = dict.fromkeys(keys, 0)
        counts["docs"] = 1
        counts["gold"], counts["predicted"] = len(g_list), len(p_list)
        p_spans = {(p["start"], p["end"]) for p in p_list}
        counts["strict"] = sum((g["start"], g["end"]) in p_spans for g in g_list)
        counts["right"] = int(record_right(g_list, p_list))
        for gi, pj in _match(g_list, p_list):
            g, p = g_list[gi], p_list[pj]
            counts["relaxed"] += 1
            counts["value"] += _value(g) == _value(p)
            if g.get("type"):
                counts["typed"] += 1
                counts["type"] += str(g["type"]).upper() == str(p.get("type", "")).upper()
        lang = str(record.get("lang") or "unknown")
        for key in keys:
            total[key] += counts[key]
            per_lang[lang][key] += counts[key]
            if record.get("split"):
                per_split[str(record["split"])][key] += counts[key]
    result: dict[str, Any] = dict(_metrics(total))
    result["per_lang"] = {lang: _metrics(c) for lang, c in sorted(per_lang.items())}
    if per_split:
        result["per_split"] = {name: _metrics(c) for name, c in sorted(per_split.items())}
    return result
