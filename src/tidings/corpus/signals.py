"""The signals a pair of articles is scored on, and what refuses a pair whatever its score.

Each article keeps *features* (``features``): its day, its entity ids, its located acts and
the figures of its lead; ``pair_signals`` compares two of them. Every signal is stored with
the member it placed, so ``tidings stories show`` can say why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from tidings.config import StorySettings

# How much sharing an entity of each kind says about two articles reporting one event:
# countries are shared by every story of a bilateral relationship, places by every story of
# a city, MISC entities (nationalities, events, slogans) are loose; people and organisations
# say the most.
_ENTITY_WEIGHTS = {"country": 0.25, "place": 0.6, "misc": 0.3, "other": 1.0}


def entity_weight(entity_id: str) -> float:
    if len(entity_id) == 3 and entity_id.isupper():
        return _ENTITY_WEIGHTS["country"]
    if entity_id.startswith(("geo:", "loc:")):
        return _ENTITY_WEIGHTS["place"]
    if entity_id.startswith("misc:"):
        return _ENTITY_WEIGHTS["misc"]
    return _ENTITY_WEIGHTS["other"]


def day_number(published: str | None) -> int | None:
    """The proleptic day number of an ISO date's day, or None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def features(article: dict[str, Any]) -> dict[str, Any]:
    """What a pair is scored on besides the vector (JSON-ready): the day, the entity ids, and
    the places of its located acts (``events``: ``[type, actor ids, country of the place]``)."""
    entities = article.get("entities") or []
    ids = sorted({e["id"] for e in entities if e.get("id")})
    country = {e["id"]: e.get("country") for e in entities if e.get("id")}
    located = []
    for event in article.get("events") or []:
        place = event.get("location")
        where = place if _is_country(place) else country.get(place or "")
        if not where or event.get("status") not in (None, "happened"):
            continue
        actors = sorted({a.get("entity_id") for a in [*(event.get("source") or []),
                                                        *(event.get("target") or [])]
                         if a.get("entity_id") and not _is_country(a.get("entity_id"))})
        if actors:
            located.append([event["type"], actors, where])
    return {"day": day_number(article.get("published")), "lang": article.get("lang"),
            "entities": ids,
            "events": sorted(located), "numbers": numbers(lead(article, NUMBER_CHARS))}


# Characters of title + body whose figures are compared; how many distinct figures each side
# needs before "few figures in common" says two articles report different things, and what
# share of the smaller set "few" is.
NUMBER_CHARS = 600
MIN_NUMBERS = 4
# Two articles that each name this many entities and share not one report different things.
MIN_ENTITIES = 1
SHARED_NUMBERS = 0.25
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def numbers(text: str) -> list[str]:
    """The figures of ``text`` that identify what it reports ("5.8", "193.5", "19.000",
    "240"; decimal commas read as points, so 6,8 and 6.8 are one figure): years and whole
    numbers under 100 left out, as every article has them."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group().replace(",", ".")
        digits = value.replace(".", "")
        if "." not in value and len(digits) < 3:
            continue  # 5, 20, 31: days, ages, counts every article has
        if value.isdigit() and len(value) == 4 and value[:2] in ("19", "20"):
            continue  # a year
        found.add(value)
    return sorted(found)


def _is_country(ident: str | None) -> bool:
    return bool(ident) and len(ident) == 3 and ident.isalpha() and ident.isupper()


def place_conflict(mine: Sequence[Any], theirs: Sequence[Any]) -> list[Any] | None:
    """Two located acts of one type by a shared person or organisation, in two different
    countries (Xi meets Boluarte in Beijing; Xi visits Peru): the first such pair, else
    None. Those articles report two events, however alike their words."""
    for kind, actors, where in mine:
        for other_kind, other_actors, other_where in theirs:
            if kind == other_kind and where != other_where and set(actors) & set(other_actors):
                return [kind, sorted(set(actors) & set(other_actors)), where, other_where]
    return None


def entity_overlap(a: Sequence[str], b: Sequence[str]) -> tuple[float, list[str]]:
    """Weighted Jaccard of two entity id lists, and the ids they share."""
    if not a or not b:
        return 0.0, []
    sa, sb = set(a), set(b)
    shared = sorted(sa & sb)
    union = sum(entity_weight(e) for e in sa | sb)
    return (sum(entity_weight(e) for e in shared) / union if union else 0.0), shared


def pair_signals(
    similarity: float, mine: dict[str, Any], theirs: dict[str, Any], settings: StorySettings
) -> dict[str, Any]:
    """The signals of one pair and their score. ``refused`` says why a pair may not join
    whatever its score: ``days`` (beyond the date gate), ``place`` (the same act by the
    same actor at another place), ``figures`` (both leads full of figures, few shared:
    templated wires about different companies, results of different matches) or
    ``entities`` (both name entities, not one in common)."""
    overlap, shared = entity_overlap(mine["entities"], theirs["entities"])
    days = None
    refused = None
    if mine["day"] is not None and theirs["day"] is not None:
        days = abs(mine["day"] - theirs["day"])
        if days > settings.gate_days:
            refused = "days"
    conflict = place_conflict(mine.get("events") or (), theirs.get("events") or ())
    if conflict and refused is None:
        refused = "place"
    figures_a, figures_b = set(mine.get("numbers") or ()), set(theirs.get("numbers") or ())
    fewer = min(len(figures_a), len(figures_b))
    if refused is None and fewer >= MIN_NUMBERS and (
            len(figures_a & figures_b) < SHARED_NUMBERS * fewer):
        refused = "figures"
    if refused is None and not shared and min(len(mine["entities"]),
                                              len(theirs["entities"])) >= MIN_ENTITIES:
        refused = "entities"
    score = similarity + settings.entity_weight * overlap
    crossing = bool(mine.get("lang") and theirs.get("lang") and mine["lang"] != theirs["lang"])
    if crossing:  # vectors of two languages meet lower than two of one for the same news
        score += settings.cross_lingual_bonus
    if days is None:
        score -= settings.undated_penalty
    elif days == 0:
        score += settings.same_day_bonus
    signals = {
        "score": round(score, 4),
        "similarity": round(similarity, 4),
        "entities": round(overlap, 4),
        "shared_entities": shared[:10],
        "days": days,
    }
    if refused:
        signals["refused"] = refused
        if conflict:
            signals["place_conflict"] = conflict
    return signals


def lead(article: dict[str, Any], chars: int) -> str:
    """The text a story vector is made of: the title and the start of the body."""
    body = (article.get("text") or "")[:chars]
    title = article.get("title") or ""
    return f"{title}\n{body}" if title and not body.startswith(title) else body


