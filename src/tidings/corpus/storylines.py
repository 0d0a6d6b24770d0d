"""Storylines: stories linked over months, by who acts on whom and by what they are about.

Two kinds, both kept up to date story by story as the ``stories`` stage changes them:

- **dyad** (``d-CHN-PER``): the stories whose merged events have one side's country on one
  side and the other's on the other (a person or organisation acts for the country the
  entities stage gave it; an international body is its own actor, ``IGOUNO``); a mutual act
  pairs every two countries among its actors. Only merged events whose calibrated confidence
  is at least ``[storylines] min_confidence`` count.
- **theme** (``t-<first story>``, its trend counts all the story's merged events above the
  same confidence): each story joins the theme it scores highest with, when the
  score clears ``threshold``: the cosine of the story's vector with the theme's mean vector
  (USE-multilingual: one theme across languages) plus ``entity_weight`` x the cosine of their
  key-entity weights (places and people also weigh for their country). A theme is refused
  when its heaviest country is not among the story's three heaviest (the war in Syria is not
  joined by a story about Libya that names Syria in passing), and when it has been quiet for
  more than ``gap_months``. A story stays in the theme it first joined; later articles
  change what it adds, not where it is.

What a story adds to a storyline (its *contribution*) is kept beside it: per month, its merged
events by PLOVER quad class and their cooperation-conflict score (``corpus.trend``), each
counted once per independent source (not per article); its articles and independent sources
(the volume, so a rising count can be told from more news). An event is placed in the month
its date names; an event dated only to a year, or not at all, in the month its story was
first published when that month lies inside what the event's date says; otherwise under
``undated``, never on an invented month.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any, ClassVar

import numpy as np

from tidings.config import StorylineSettings
from tidings.corpus import trend
from tidings.corpus.base import CorpusUpdate
from tidings.corpus.summary import source_key
from tidings.dates import date_period
from tidings.queries import dyad_id

UNDATED = "undated"
PROFILE = 12  # key entities a story adds to a storyline
# a place or person adds this share of its weight to its country's (see _profile)
COUNTRY_SHARE = 0.5
# a theme is joined only when its heaviest country is among the story's this many heaviest
# (ML-crisis tune part: BCubed F1 0.70 without, 0.74 with 2, 0.76 with 3)
COUNTRY_GATE = 3
_NON_STATE = ("IGO", "NGO", "MNC")


@dataclass(slots=True)
class StoryFacts:
    """What the storyline builder reads of one story."""

    id: str
    articles: list[dict[str, Any]]
    vectors: dict[int, np.ndarray]
    canonicals: dict[int, tuple[int, float]]
    merged: list[dict[str, Any]]


def load_facts(corpus: Any, story: str, *, merged: bool = True) -> StoryFacts:
    """A stored story's members, their vectors and copy groups, and (``merged``) its stored
    merged events."""
    members = corpus.member_rowids(story)
    return StoryFacts(
        story, corpus.articles_by_rowid(members),
        {r: np.frombuffer(v, dtype=np.float32) for r, v in corpus.vectors(members)},
        corpus.canonicals(members), corpus.merged_events(story) if merged else [])


@cache
def country_name(code: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return getattr(found, "common_name", None) or getattr(found, "name", None)


def month_of(value: str | None) -> str | None:
    period = date_period(value[:10] if value and len(value) > 10 else value)
    return period[0][:7] if period and period[0][:7] == period[1][:7] else None


def event_month(event: dict[str, Any], story_month: str | None) -> str:
    """The month an event is counted in (see the module's docstring)."""
    period = date_period(event.get("date"))
    if period and period[0][:7] == period[1][:7]:
        return period[0][:7]
    if story_month and (period is None or period[0][:7] <= story_month <= period[1][:7]):
        return story_month
    return UNDATED


class StorylineStage:
    """Corpus stage ``storylines``: dyad and theme storylines of the stories that changed."""

    name: ClassVar[str] = "storylines"
    version: ClassVar[str] = "storylines.v1"
    after: ClassVar[tuple[str, ...]] = ("stories",)

    def __init__(self, settings: StorylineSettings | None = None) -> None:
        self.settings = settings or StorylineSettings()

    def fold(self, corpus: Any, facts: list[StoryFacts], index: Any,
             update: CorpusUpdate) -> None:
        """Put each changed story (in the order given) into its storylines."""
        tables = corpus.storylines
        for story in facts:
            before = tables.memberships(story.id)
            confident = [e for e in story.merged if float(e.get("confidence") or 0.0)
                         >= self.settings.min_confidence]
            base = reported(story)
            dyads = self._dyads(story, confident, base)
            for storyline, found in dyads.items():
                new = storyline not in before and not tables.exists(storyline)
                (update.created if new else update.changed).append(storyline)
                tables.put(storyline, "dyad", story.id, found["contribution"], vector=None,
                           score=None, signals={"events": found["events"]},
                           label=found["label"], actors=found["actors"], version=self.version)
            for storyline, held in before.items():
                if held["kind"] == "dyad" and storyline not in dyads:
                    tables.drop(storyline, story.id, self.version)
                    update.changed.append(storyline)
            theme = next((s for s, held in before.items() if held["kind"] == "theme"), None)
            self._theme(corpus, story, theme, index, update, contribution(base, confident),
                        base["first"])

    # -- dyads -----------------------------------------------------------------------------

    def _dyads(self, story: StoryFacts, confident: list[dict[str, Any]], base: dict[str, Any]
               ) -> dict[str, dict[str, Any]]:
        known = {e["id"]: e for a in story.articles for e in a.get("entities") or []
                 if e.get("id")}
        events: dict[str, list[dict[str, Any]]] = defaultdict(list)
        sides: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for event in confident:
            source = [(a, _country(a, known)) for a in event.get("source") or []]
            target = [(a, _country(a, known)) for a in event.get("target") or []]
            if event.get("symmetric"):
                codes = sorted({c for _, c in source + target if c})
                pairs = set(combinations(codes, 2))
            else:
                pairs = {(s, t) for _, s in source for _, t in target if s and t and s != t}
            for a, b in pairs:
                ident = dyad_id(a, b)
                events[ident].append(event)
                for actor, code in source + target:
                    if code in (a, b):
                        _side(sides[ident], code, actor, known)
        out = {}
        for ident, found in events.items():
            actors = [sides[ident][c] for c in sorted(sides[ident])]
            out[ident] = {
                "contribution": contribution(base, found),
                "events": len(found),
                "actors": actors,
                "label": " – ".join(a["name"] for a in actors),
            }
        return out

    # -- themes ----------------------------------------------------------------------------

    def _theme(self, corpus: Any, story: StoryFacts, theme: str | None, index: Any,
               update: CorpusUpdate, added: dict[str, Any], month: str | None) -> None:
        tables = corpus.storylines
        vector = story_vector(story)
        signals: dict[str, Any] | None = None
        score: float | None = None
        if theme is None:
            theme, score, signals = self._best(corpus, story, vector, added, index, month)
            if theme is None:
                theme = "t-" + story.id.removeprefix("s-")
                update.created.append(theme)
            else:
                update.changed.append(theme)
        else:  # it stays where it first joined; what it adds is replaced
            update.changed.append(theme)
        tables.put(theme, "theme", story.id, added, vector=vector, score=score,
                   signals=signals, label="", actors=[], version=self.version)
        names = [e["name"] for e in tables.key_entities(theme, 3)]
        tables.put_label(theme, " · ".join(names) or (_title(story) or theme))

    def _best(self, corpus: Any, story: StoryFacts, vector: np.ndarray | None,
              added: dict[str, Any], index: Any, month: str | None
              ) -> tuple[str | None, float | None, dict[str, Any]]:
        settings, tables = self.settings, corpus.storylines
        mine = added["entities"]
        top = [e for e, _ in sorted(mine.items(), key=lambda ew: -ew[1])[:5]]
        candidates = tables.themes_with(top, settings.candidates)
        if vector is not None and index is not None:
            near = [r for r, _ in index.search(vector, settings.neighbours)]
            stories = set(corpus.story_of(near).values()) - {story.id}
            candidates += [t for t in tables.themes_of_stories(sorted(stories)).values()
                           if t not in candidates]
        best: tuple[float, str, dict[str, Any]] | None = None
        refused: dict[str, Any] | None = None
        my_countries = _top_country(mine, COUNTRY_GATE)
        for theme, facts in tables.themes(candidates, list(mine)).items():
            if month and facts["last_month"] and _months_apart(
                    facts["last_month"], month) > settings.gap_months:
                continue
            lead = {facts["lead"]} if facts["lead"] else set()
            if lead and mine and not lead & my_countries:
                refused = refused or {"refused": "country", "nearest": theme,
                                      "theme_country": sorted(lead)[0]}
                continue
            similarity = _cosine(vector, facts["centroid"])
            entities = _profile_cosine(mine, facts["weights"], facts["norm"])
            score = round(similarity + settings.entity_weight * entities, 4)
            if best is None or score > best[0] or (score == best[0] and theme < best[1]):
                best = (score, theme, {"similarity": round(similarity, 4),
                                       "entities": round(entities, 4)})
        if best is None:
            return None, None, refused or {
                "reason": "no theme shares its entities or is near it"}
        score, theme, signals = best
        if score < settings.threshold:
            return None, score, {"reason": "below threshold", "nearest": theme,
                                 "threshold": settings.threshold, **signals}
        return theme, score, {"score": score, **signals}


def reported(story: StoryFacts) -> dict[str, Any]:
    """What ``story``'s articles add to every storyline it is in: per month its articles
    (``volume``) and independent ``sources``, its key entities, and its ``first`` month."""
    months: dict[str, dict[str, int]] = defaultdict(lambda: {"volume": 0})
    sources: dict[str, set[str]] = defaultdict(set)
    for article in story.articles:
        month = month_of(article.get("published")) or UNDATED
        months[month]["volume"] += 1
        canonical = story.canonicals.get(article["rowid"], (article["rowid"], 1.0))[0]
        sources[month].add(source_key(article, canonical))
    for month, keys in sources.items():
        months[month]["sources"] = len(keys)
    weights, names = _profile(story.articles)
    dated = sorted(m for m in months if m != UNDATED)
    return {"months": dict(months), "articles": len(story.articles), "entities": weights,
            "names": names, "first": dated[0] if dated else None}


def contribution(base: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """What a story adds to a storyline: its articles' part (``reported``) and, per month,
    ``events`` (those of its merged events that belong to the storyline)."""
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for month, values in base["months"].items():
        months[month].update(values)
    for event in events:
        month = event_month(event, base["first"])
        weight = int(event.get("sources") or 1)
        quad = trend.quad(event["type"])
        if quad:
            months[month][quad] += weight
        months[month]["events"] += weight
        score = trend.score(event["type"], event.get("mode"))
        if score is not None:
            months[month]["score_sum"] += score * weight
            months[month]["score_weight"] += weight
    return {"months": {m: dict(v) for m, v in months.items()},
            "articles": base["articles"], "entities": base["entities"],
            "names": base["names"]}


def story_vector(story: StoryFacts) -> np.ndarray | None:
    if not story.vectors:
        return None
    mean = np.mean(np.stack(list(story.vectors.values())), axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm else None


def _profile(articles: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, str]]:
    """A story's key entities: per entity id, 1 + log of its mentions in each article; a
    place or person also adds ``COUNTRY_SHARE`` of that to its country (Aleppo and Assad
    speak of Syria, in any language)."""
    weights: Counter[str] = Counter()
    names: dict[str, str] = {}
    for article in articles:
        for entity in article.get("entities") or []:
            ident = entity.get("id")
            if not ident or ident.startswith("misc:"):
                continue
            weight = 1.0 + float(np.log(max(1, len(entity.get("mentions") or []))))
            weights[ident] += weight
            names.setdefault(ident, entity.get("name") or ident)
            country = entity.get("country")
            if COUNTRY_SHARE and country and country != ident and country_name(country):
                weights[country] += COUNTRY_SHARE * weight
                names.setdefault(country, country_name(country) or country)
    top = dict(sorted(weights.items(), key=lambda ew: (-ew[1], ew[0]))[:PROFILE])
    return {e: round(w, 4) for e, w in top.items()}, {e: names[e] for e in top}


def _top_country(weights: dict[str, float], top: int) -> set[str]:
    """The ``top`` heaviest countries among key-entity ``weights``."""
    countries = sorted(((w, e) for e, w in weights.items()
                        if len(e) == 3 and e.isupper()), reverse=True)
    return {e for _, e in countries[:top]}


def _profile_cosine(mine: dict[str, float], theirs: dict[str, float], norm: float
                    ) -> float:
    """The cosine of two entity-weight profiles, from the weights ``theirs`` has of ``mine``'s
    entities and the norm of all of ``theirs``."""
    dot = sum(w * theirs.get(e, 0.0) for e, w in mine.items())
    mine_norm = float(np.sqrt(sum(w * w for w in mine.values())))
    return float(dot / (mine_norm * norm)) if dot and mine_norm and norm else 0.0


def _cosine(vector: np.ndarray | None, centroid: np.ndarray | None) -> float:
    if vector is None or centroid is None:
        return 0.0
    norm = float(np.linalg.norm(centroid))
    return float(vector @ centroid / norm) if norm else 0.0


def _months_apart(a: str, b: str) -> int:
    return abs((int(a[:4]) * 12 + int(a[5:7])) - (int(b[:4]) * 12 + int(b[5:7])))


def _title(story: StoryFacts) -> str | None:
    return next((a["title"] for a in story.articles if a.get("title")), None)


def _country(actor: dict[str, Any], known: dict[str, dict[str, Any]]) -> str | None:
    """The country (or international body) an actor acts for."""
    code = actor.get("code") or ""
    if code[:3] in _NON_STATE:
        return code
    if len(code) >= 3 and country_name(code[:3]):
        return code[:3]
    ident = actor.get("id") or ""
    if len(ident) == 3 and ident.isupper() and country_name(ident):
        return ident
    return (known.get(ident) or {}).get("country")


def _side(found: dict[str, dict[str, Any]], code: str, actor: dict[str, Any],
          known: dict[str, dict[str, Any]]) -> None:
    entity = known.get(actor.get("id") or "") or {}
    side = found.setdefault(code, {"code": code, "name": country_name(code) or entity.get(
        "name") or actor.get("name") or code, "members": []})
    ident = actor.get("id")
    if ident and ident.startswith(("per:", "org:")) and ident not in {
            m["id"] for m in side["members"]}:
        name = (known.get(ident) or {}).get("name") or actor.get("name")
        side["members"].append({"id": ident, "name": name, "code": actor.get("code")})
