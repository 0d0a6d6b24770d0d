"""The ``events`` task: PLOVER events of single sentences (issue #5).

Input records (JSONL) have ``id``, ``lang``, ``date`` (``YYYYMMDD`` or ``YYYY-MM-DD``) and
``text``. Two gold schemas are read:

- PLOVER gold records: one event per record in ``event`` (type), ``mode``, ``context``,
  ``source`` / ``target`` (lists of ``{"actorText", "code"}``);
- PETRARCH-style records: ``events`` (a list of ``{"source", "target", "cameo", "plover"?}``,
  codes as strings) and ``noevents``. Without ``plover``, the CAMEO code gives the type.

Predictions: ``events``: ``[{"type", "mode", "context", "status", "source": [codes],
"target": [codes], "trigger", "confidence", "cameo"}]``. Negated events ("did not sign") are
written with their status but are not counted as predicted events.

Scores:
- ``type_hit``: share of sentences with gold events where a gold type is among the
  predicted types (the headline figure);
- event-level type P/R/F1 (per sentence, types matched as multisets), also per type;
- event-level (type, source country, target country) P/R/F1: a predicted event matches a
  gold one of the same type whose sides share a country code with it (first three letters
  of an actor code; a side empty in the gold must be empty in the prediction);
- ``full_hit``: share of sentences with gold events where one predicted event has the type
  and both sides right; ``sentence_acc`` counts a sentence with no gold event (``"event":
  null``) as right when nothing is predicted for it, ``no_event_ok`` is that share alone;
- records with a ``split`` field (our own gold: ``tune`` / ``holdout``) are also scored per
  split under ``per_split``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from typing import Any

from tidings.model import Article
from tidings.stages.events.plover import TYPES, from_cameo

NAME = "events"
GOLD_FIELDS: tuple[str, ...] = (
    "event",
    "symmetric",
    "status",
    "note",
    "cases",
    "events",
    "noevents",
    "mode",
    "context",
    "source",
    "target",
    "eventText",
    "eventLoc",
    "markup",
    "comment",
    "locations",
)
_TYPO = {"SACTION": "SANCTION"}
_COUNTED = {"happened", "planned", "claimed"}


@cache
def _stages() -> list[Any]:
    from tidings.stages.entities import EntityStage
    from tidings.stages.events import EventStage
    from tidings.stages.sentences import SentenceStage
    from tidings.stages.time import TimeStage

    return [SentenceStage(), TimeStage(), EntityStage(), EventStage()]


def iso_date(value: Any) -> str | None:
    """``19950101`` / ``1995-01-01`` -> ``1995-01-01``; anything else -> None."""
    text = str(value or "").strip()
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if len(text) >= 10 and text[:4].isdigit() and text[4] == "-":
        return text[:10]
    return None


def analyse(text: str, lang: str, published: str | None = None, source: str = "<text>") -> Article:
    """An ``Article`` of ``text`` in ``lang`` dated ``published`` (ISO day or None), run
    through the sentence, time, entity and event stages: no header or language guessing."""
    article = Article(text=text, source=source)
    article.lang = lang
    if published:
        article.set_published(published, "day", "given")
    for stage in _stages():
        article = stage(article)
    return article


def predict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """records have id, lang, date, text (gold removed). Return copies with ``events``."""
    out = []
    for record in records:
        copy = {k: v for k, v in record.items() if k not in GOLD_FIELDS}
        article = analyse(
            str(record.get("text") or ""),
            str(record.get("lang") or "en"),
            iso_date(record.get("date")),
            str(record.get("id")),
        )
        copy["events"] = event_rows(article)
        out.append(copy)
    return out


def event_rows(article: Article) -> list[dict[str, Any]]:
    """The article's events in the prediction schema (actor codes, else countries)."""
    return [
        {
            "type": e.type,
            "mode": e.mode,
            "context": e.context,
            "status": e.status,
            "intended": e.intended,
            "symmetric": e.symmetric,
            "source": [a.code or a.country or "" for a in e.source],
            "target": [a.code or a.country or "" for a in e.target],
            "trigger": e.evidence[0].trigger if e.evidence else None,
            "date": e.date,
            "confidence": e.confidence,
            "cameo": e.cameo,
        }
        for e in article.events
    ]


def _countries(side: Any) -> set[str]:
    codes = []
    for actor in side or []:
        if isinstance(actor, dict):
            actor = actor.get("code")
        if isinstance(actor, str):
            codes.append(actor)
    return {c[:3].upper() for c in codes if len(c) >= 3 and c[:3].isalpha()}


def gold_events(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold events of one record as ``{"type", "source": set, "target": set}``."""
    if record.get("event"):
        type_ = str(record["event"]).strip().upper()
        return [
            {
                "type": _TYPO.get(type_, type_),
                "source": _countries(record.get("source")),
                "target": _countries(record.get("target")),
            }
        ]
    out = []
    for event in record.get("events") or []:
        type_ = str(event.get("plover") or "").strip().upper() or from_cameo(event.get("cameo"))
        if not type_:
            continue  # CAMEO 01 (statements) and unusable codes: no PLOVER type
        out.append(
            {
                "type": _TYPO.get(type_, type_),
                "source": _countries([event.get("source")]),
                "target": _countries([event.get("target")]),
            }
        )
    return out


def _predicted(record: dict[str, Any], negated: bool = False) -> list[dict[str, Any]]:
    """The predicted events that count: acts that happened, are planned or claimed; for a
    gold record that is itself negated (``"status": "negated"``, our own gold), the negated
    ones: "Peru did not sign" is right when the coder says a signing was negated."""
    return [
        {
            "type": e["type"],
            "source": _countries(e.get("source")),
            "target": _countries(e.get("target")),
        }
        for e in record.get("events") or []
        if (e.get("status", "happened") == "negated") == negated
        and (negated or e.get("status", "happened") in _COUNTED)
    ]


def _side_ok(gold: set[str], pred: set[str]) -> bool:
    return bool(gold & pred) if gold else not pred


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def _count(gold: list[dict[str, Any]], pred: list[dict[str, Any]], c: Counter) -> None:
    c["records"] += 1
    c["gold"] += len(gold)
    c["predicted"] += len(pred)
    if gold:
        c["with_gold"] += 1
        c["hit"] += bool({g["type"] for g in gold} & {p["type"] for p in pred})
    g_types, p_types = Counter(g["type"] for g in gold), Counter(p["type"] for p in pred)
    c["type_tp"] += sum((g_types & p_types).values())
    for type_ in set(g_types) | set(p_types):
        c[f"gold:{type_}"] += g_types[type_]
        c[f"pred:{type_}"] += p_types[type_]
        c[f"tp:{type_}"] += min(g_types[type_], p_types[type_])
    right = [
        any(p["type"] == g["type"] and _side_ok(g["source"], p["source"])
            and _side_ok(g["target"], p["target"]) for p in pred)
        for g in gold
    ]
    if gold:
        c["full_hit"] += any(right)
        c["sentence_ok"] += any(right)
    else:
        c["no_event"] += 1
        c["no_event_ok"] += not pred
        c["sentence_ok"] += not pred
    used: set[int] = set()
    for p in pred:
        for k, g in enumerate(gold):
            if k in used or g["type"] != p["type"]:
                continue
            if _side_ok(g["source"], p["source"]) and _side_ok(g["target"], p["target"]):
                used.add(k)
                c["full_tp"] += 1
                break


def _metrics(c: Counter) -> dict[str, Any]:
    out: dict[str, Any] = {
        "sentences": c["records"],
        "with_gold": c["with_gold"],
        "gold": c["gold"],
        "predicted": c["predicted"],
    }
    out["type_hit"] = round(c["hit"] / c["with_gold"], 4) if c["with_gold"] else 0.0
    out["type_p"], out["type_r"], out["type_f1"] = _prf(c["type_tp"], c["predicted"], c["gold"])
    out["full_p"], out["full_r"], out["full_f1"] = _prf(c["full_tp"], c["predicted"], c["gold"])
    # per sentence: an event sentence is right when one predicted event has its type and
    # both sides right; a sentence with no event is right when nothing is predicted
    out["full_hit"] = round(c["full_hit"] / c["with_gold"], 4) if c["with_gold"] else 0.0
    if c["no_event"]:
        out["no_event_ok"] = round(c["no_event_ok"] / c["no_event"], 4)
    out["sentence_acc"] = round(c["sentence_ok"] / c["records"], 4) if c["records"] else 0.0
    return out


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """Sentence type hit rate, event-level type P/R/F1 (overall and per type) and
    (type, source country, target country) P/R/F1; plus ``per_lang``."""
    by_id = {str(p.get("id", i)): p for i, p in enumerate(predicted)}
    total: Counter = Counter()
    per_lang: dict[str, Counter] = defaultdict(Counter)
    per_split: dict[str, Counter] = defaultdict(Counter)
    for i, record in enumerate(gold):
        pred = _predicted(by_id.get(str(record.get("id", i)), {}),
                          negated=record.get("status") == "negated")
        g = gold_events(record)
        _count(g, pred, total)
        _count(g, pred, per_lang[str(record.get("lang") or "unknown")])
        if record.get("split"):
            _count(g, pred, per_split[str(record["split"])])
    result = _metrics(total)
    seen = sorted(
        {k.split(":", 1)[1] for k in total if ":" in k}, key=lambda t: (t not in TYPES, t)
    )
    for type_ in seen:
        p, r, f = _prf(total[f"tp:{type_}"], total[f"pred:{type_}"], total[f"gold:{type_}"])
        result[f"f1_{type_}"] = f
        result[f"p_{type_}"] = p
        result[f"r_{type_}"] = r
        result[f"gold_{type_}"] = total[f"gold:{type_}"]
    result["per_lang"] = {lang: _metrics(c) for lang, c in sorted(per_lang.items())}
    if per_split:
        result["per_split"] = {name: _metrics(c) for name, c in sorted(per_split.items())}
    return result
