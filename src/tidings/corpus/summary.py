"""What a story says as a whole: a representative headline, its dates, languages, key
entities, the number of independent sources, and its merged events.

**Independent sources.** Copies of one wire count once whatever the number of outlets, and
so do different articles of one agency: an article's source key is its agency when the
metadata stage found one, else its copy group (``dedup``'s canonical article).

**Merged events.** Within a story, the per-article events that are one real-world act (same
PLOVER type and status, same actors on each side, compatible dates and places) become one
merged event listing its articles, languages, tellings and independent sources. Actors are
compared by entity id (the same in every language), else by actor code, else by text. The
per-article events stay as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from tidings.corpus.signals import day_number

# Two tellings whose day dates are further apart than this are two acts.
MERGE_DAYS = 3
KEY_ENTITIES = 8


def source_key(article: dict[str, Any], canonical: int) -> str:
    return f"agency:{article['agency']}" if article.get("agency") else f"copy:{canonical}"


def summarise(
    story: str,
    articles: Sequence[dict[str, Any]],
    canonicals: dict[int, tuple[int, float]],
    vectors: dict[int, np.ndarray],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary row of ``story`` from its member ``articles``, and its merged events."""
    dated = sorted(a["published"] for a in articles if a.get("published"))
    keys = {a["rowid"]: source_key(a, canonicals.get(a["rowid"], (a["rowid"], 1.0))[0])
            for a in articles}
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for article in articles:
        for entity in article.get("entities") or []:
            if entity.get("id"):
                counts[entity["id"]] += 1
                names.setdefault(entity["id"], entity.get("name") or entity["id"])
    summary = {
        "id": story,
        "title": headline(articles, vectors),
        "first_published": dated[0] if dated else None,
        "last_published": dated[-1] if dated else None,
        "langs": sorted({a["lang"] for a in articles if a.get("lang")}),
        "articles": len(articles),
        "sources": len(set(keys.values())),
        "entities": [{"id": e, "name": names[e], "articles": n}
                     for e, n in sorted(counts.items(), key=lambda en: (-en[1], en[0]))
                     [:KEY_ENTITIES]],
    }
    return summary, merge_events(articles, keys)


def headline(articles: Sequence[dict[str, Any]], vectors: dict[int, np.ndarray]) -> str | None:
    """The title of the member closest to all the others (the first titled one when the
    vectors cannot tell)."""
    titled = [a for a in articles if a.get("title")]
    if not titled:
        return None
    with_vec = [a for a in titled if a["rowid"] in vectors]
    if len(with_vec) < 3:
        return titled[0]["title"]
    matrix = np.stack([vectors[a["rowid"]] for a in with_vec])
    centrality = (matrix @ matrix.T).sum(axis=1)
    return with_vec[int(np.argmax(centrality))]["title"]


def _side(actors: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({a.get("entity_id") or a.get("code") or a.get("text") or "?"
                         for a in actors}))


def _day(value: str | None) -> str | None:
    return value[:10] if value and len(value) >= 10 else None


def _compatible(group: dict[str, Any], event: dict[str, Any]) -> bool:
    mine, theirs = day_number(_day(event.get("date"))), group["_days"]
    if mine is not None and theirs and min(abs(mine - d) for d in theirs) > MERGE_DAYS:
        return False
    place, places = event.get("location"), group["_places"]
    return not (place and places and place not in places)


def merge_events(
    articles: Sequence[dict[str, Any]], source_keys: dict[int, str]
) -> list[dict[str, Any]]:
    """The merged events of one story's articles, most independently reported first."""
    groups: list[dict[str, Any]] = []
    for article in articles:
        for event in article.get("events") or []:
            source, target = event.get("source") or [], event.get("target") or []
            if event.get("symmetric"):
                sides = (_side([*source, *target]), ())
            else:
                sides = (_side(source), _side(target))
            key = (event["type"], event.get("status", "happened"), *sides)
            group = next((g for g in groups if g["_key"] == key and _compatible(g, event)),
                         None)
            if group is None:
                group = {"_key": key, "_days": set(), "_places": set(), "_events": []}
                groups.append(group)
            day = day_number(_day(event.get("date")))
            if day is not None:
                group["_days"].add(day)
            if event.get("location"):
                group["_places"].add(event["location"])
            group["_events"].append((article, event))
    merged = [_merged(g, source_keys) for g in groups]
    merged.sort(key=lambda m: (-m["sources"], -m["tellings"], m["type"]))
    return merged


def _actors(tellings: Sequence[tuple[dict[str, Any], dict[str, Any]]], side: str
            ) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for _, event in tellings:
        for actor in event.get(side) or []:
            ident = actor.get("entity_id") or actor.get("code") or actor.get("text") or "?"
            seen.setdefault(ident, {"id": actor.get("entity_id"), "code": actor.get("code"),
                                    "name": actor.get("text")})
    return list(seen.values())


def _merged(group: dict[str, Any], source_keys: dict[int, str]) -> dict[str, Any]:
    tellings = group["_events"]
    first = tellings[0][1]
    dates = Counter(e.get("date") for _, e in tellings if e.get("date"))
    places = Counter((e.get("location"), e.get("location_name")) for _, e in tellings
                     if e.get("location"))
    modes = Counter(e.get("mode") for _, e in tellings if e.get("mode"))
    article_ids = list(dict.fromkeys(a["id"] for a, _ in tellings))
    symmetric = bool(first.get("symmetric"))
    source = _actors(tellings, "source")
    target = _actors(tellings, "target")
    if symmetric:  # both sides are listed as sources, as the per-article events do
        source, target = source + [a for a in target if a not in source], []
    return {
        "type": first["type"],
        "status": first.get("status", "happened"),
        "mode": modes.most_common(1)[0][0] if modes else None,
        "symmetric": symmetric,
        "source": source,
        "target": target,
        "date": dates.most_common(1)[0][0] if dates else None,
        "location": places.most_common(1)[0][0][0] if places else None,
        "location_name": places.most_common(1)[0][0][1] if places else None,
        "articles": article_ids,
        "langs": sorted({a["lang"] for a, _ in tellings if a.get("lang")}),
        "tellings": len(tellings),
        "sources": len({source_keys[a["rowid"]] for a, _ in tellings}),
        "confidence": round(max(float(e.get("confidence") or 0.0) for _, e in tellings), 3),
    }
