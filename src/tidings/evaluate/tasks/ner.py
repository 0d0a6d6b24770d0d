"""The ``ner`` task: named-entity mentions with their types (issue #3).

Record schema (JSONL), one sentence per record::

    {"id": "en-2", "lang": "en", "doc_index": 1, "tokens": ["West", "Indian", ...],
     "ner_tags": ["B-MISC", "I-MISC", ...],
     "entities": [{"start_tok": 0, "end_tok": 2, "type": "MISC", "text": "West Indian"}]}

``end_tok`` is exclusive (``tokens[start_tok:end_tok]`` is the name; checked on all three
dev files). Types are PER, ORG, LOC, MISC. ``doc_index`` is optional: consecutive records
with the same ``lang`` and ``doc_index`` form one document, which lets the tagger's
document rules (consistency, truecasing of all-caps headlines) see the whole article, as
they do on real articles. Without it, every record is a document of its own.

Scoring is the CoNLL one: a predicted entity counts only when its span *and* its type equal a
gold entity's; precision, recall and F1 are micro-averaged over all entities, and also given
per type (``f1_PER``, ``p_PER``, ``r_PER``, ...) and per language (``per_lang``). Gold spans
come from ``entities``, or from the IOB2 ``ner_tags`` where a record has no ``entities``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from typing import Any

from tidings.stages.entities.ner_text import iob_spans

NAME = "ner"
GOLD_FIELDS: tuple[str, ...] = ("entities", "ner_tags")
TYPES = ("PER", "ORG", "LOC", "MISC")
_UNSPACED = {"zh", "ja", "th"}
STREAM_WINDOW = 30


@cache
def _tagger() -> Any:
    from tidings.stages.entities.ner import NerTagger

    return NerTagger()


def _documents(records: list[dict[str, Any]]) -> list[list[int]]:
    """Indexes of records grouped into documents: consecutive records sharing ``lang`` and
    ``doc_index``; without ``doc_index``, windows of ``STREAM_WINDOW`` consecutive records
    of one language."""
    groups: list[list[int]] = []
    last: tuple[Any, Any] | None = None
    for i, record in enumerate(records):
        key = (record.get("lang"), record.get("doc_index"))
        same = key == last and (key[1] is not None or len(groups[-1]) < STREAM_WINDOW)
        if groups and same:
            groups[-1].append(i)
        else:
            groups.append([i])
        last = key
    return groups


def predict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """records have id, lang, tokens (gold fields removed). Return copies with
    ``"entities": [{"start_tok", "end_tok", "type", "text"}]`` (end exclusive) filled in.
    Never reads a gold field."""
    out = [{k: v for k, v in r.items() if k not in GOLD_FIELDS} for r in records]
    by_lang: dict[str, list[list[int]]] = defaultdict(list)
    for group in _documents(records):
        by_lang[str(records[group[0]].get("lang") or "")].append(group)
    tagger = _tagger()
    for lang, groups in by_lang.items():
        docs = [[[str(t) for t in records[i].get("tokens") or []] for i in g] for g in groups]
        tagged = tagger.tag_documents(docs, lang)
        joiner = "" if lang in _UNSPACED else " "
        for group, doc, spans in zip(groups, docs, tagged, strict=True):
            for i, tokens, sentence in zip(group, doc, spans, strict=True):
                out[i]["entities"] = [
                    {"start_tok": s, "end_tok": e, "type": t, "text": joiner.join(tokens[s:e])}
                    for s, e, t in sentence
                ]
    return out


def _spans(record: dict[str, Any]) -> set[tuple[int, int, str]]:
    entities = record.get("entities")
    if entities is None:
        return set(iob_spans(list(record.get("ner_tags") or [])))
    return {(int(e["start_tok"]), int(e["end_tok"]), str(e["type"])) for e in entities}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _metrics(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> dict[str, Any]:
    p, r, f = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    out: dict[str, Any] = {"precision": p, "recall": r, "f1": f,
                           "gold_entities": sum(tp.values()) + sum(fn.values()),
                           "predicted_entities": sum(tp.values()) + sum(fp.values())}
    for kind in sorted(set(TYPES) | set(tp) | set(fp) | set(fn)):
        p, r, f = _prf(tp[kind], fp[kind], fn[kind])
        out[f"p_{kind}"], out[f"r_{kind}"], out[f"f1_{kind}"] = p, r, f
    return out


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """Exact span-and-type precision, recall and F1 (micro), per type and per language.
    Records are matched by ``id`` when both sides have one, else by position."""
    by_id = {p.get("id"): p for p in predicted if p.get("id") is not None}
    counts: dict[str, tuple[Counter[str], Counter[str], Counter[str]]] = defaultdict(
        lambda: (Counter(), Counter(), Counter()))
    for n, record in enumerate(gold):
        guess = by_id.get(record.get("id")) if record.get("id") in by_id else (
            predicted[n] if n < len(predicted) else {})
        truth, found = _spans(record), _spans({"entities": guess.get("entities") or []})
        for lang in ("*", str(record.get("lang") or "?")):
            tp, fp, fn = counts[lang]
            tp.update(t for _, _, t in truth & found)
            fp.update(t for _, _, t in found - truth)
            fn.update(t for _, _, t in truth - found)
    metrics = _metrics(*counts["*"])
    metrics["per_lang"] = {lang: _metrics(*c) for lang, c in sorted(counts.items())
                           if lang != "*"}
    return metrics
