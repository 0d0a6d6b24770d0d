"""The ``metadata`` task: title, publication date, language, agency and dateline place of
whole documents, read by the same readers ``tidings ingest`` uses.

Record schema (JSONL)::

    {"id": "...", "filename": "x.txt", "raw": "<the whole file as text>",
     "title": str|null, "published": "YYYY-MM-DD"|null, "lang": "en",
     "agency": str|null, "dateline_place": str|null}

``filename`` tells the reader the format (``.txt``, ``.html``, ``.xml``...). Scored per field
as exact agreement after light normalisation (case and spacing; the date's first 10
characters). For ``published`` we also count *invented* dates (a date where the gold has
none), the error users hate most. A "nothing" control row shows what predicting null for
every field would score.
"""

from __future__ import annotations

from typing import Any

from tidings.ingest.readers import read_data
from tidings.model import Reject
from tidings.pipeline import Pipeline

NAME = "metadata"
GOLD_FIELDS: tuple[str, ...] = ("title", "published", "lang", "agency", "dateline_place")


def predict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each record with the five fields read from its ``raw`` text."""
    pipeline = Pipeline()
    out: list[dict[str, Any]] = []
    for record in records:
        name = record.get("filename") or f"{record.get('id', 'record')}.txt"
        data = str(record.get("raw", "")).encode("utf-8")
        found: dict[str, Any] = dict.fromkeys(GOLD_FIELDS)
        for item in read_data(data, name, pipeline.settings.ingest):
            if isinstance(item, Reject):
                found["error"] = item.reason
                break
            article = pipeline.run(item)
            found.update(
                title=article.title,
                published=article.published[:10] if article.published else None,
                lang=article.lang,
                agency=article.agency,
                dateline_place=article.dateline.place if article.dateline else None,
            )
            break
        out.append({**record, **found})
    return out


def _norm(field: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    text = " ".join(str(value).split()).casefold()
    return text[:10] if field == "published" else text


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-field accuracy, the "nothing" control, and invented/missed dates."""
    by_id = {str(p.get("id")): p for p in predicted}
    metrics: dict[str, Any] = {}
    per_lang: dict[str, dict[str, list[int]]] = {}
    invented = missed = 0
    for field in GOLD_FIELDS:
        right = nothing = 0
        for record in gold:
            guess = by_id.get(str(record.get("id")), {})
            want, got = _norm(field, record.get(field)), _norm(field, guess.get(field))
            ok = int(want == got)
            right += ok
            nothing += int(want is None)
            bucket = per_lang.setdefault(str(record.get("lang")), {})
            bucket.setdefault(field, []).append(ok)
            if field == "published":
                invented += int(want is None and got is not None)
                missed += int(want is not None and got is None)
        metrics[f"{field}_acc"] = round(right / len(gold), 4)
        metrics[f"{field}_acc_nothing"] = round(nothing / len(gold), 4)
    metrics["published_invented"] = invented
    metrics["published_missed"] = missed
    metrics["all_fields_acc"] = round(
        sum(metrics[f"{f}_acc"] for f in GOLD_FIELDS) / len(GOLD_FIELDS), 4
    )
    metrics["per_lang"] = {
        lang: {f"{f}_acc": round(sum(v) / len(v), 4) for f, v in fields.items()}
        for lang, fields in sorted(per_lang.items())
    }
    return metrics
