"""Stories: which articles, in any language, report the same real-world event.

Streaming and incremental: articles are taken in the order they were stored, and each one
either joins the story of an earlier article or opens a new story. Nothing already placed
moves, so ingesting today's articles costs today's articles, and the result is the same
however the input was split into runs (only the order of articles matters, and runs keep it).

An article is scored against its nearest earlier articles (ANN search over multilingual
sentence vectors of the title and lead, ``corpus.index``), each pair on signals a user can
check:

- ``similarity``: cosine of the two vectors (USE-multilingual: languages meet here);
- ``entities``: weighted overlap of the language-independent entity ids the entities stage
  gave both (people and organisations count more than countries);
- ``days``: the gap between the two publication dates. A story is one event: beyond
  ``gate_days`` the pair is refused, whatever else it shares, and so is a story whose dated
  articles all lie further than that (no chain through an undated article); the same day adds
  a little; an article with no date must show more of everything (``undated_penalty``).

The best story among the neighbours' stories is joined when its best pair clears
``threshold``. A copy (``dedup``) joins its canonical's story directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

import numpy as np

from tidings.config import StorySettings
from tidings.corpus.base import CorpusUpdate
from tidings.corpus.index import VectorIndex

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
    """What a pair is scored on besides the vector: day and entity ids (JSON-ready)."""
    ids = sorted({e["id"] for e in article.get("entities") or [] if e.get("id")})
    return {"day": day_number(article.get("published")), "entities": ids}


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
) -> dict[str, Any] | None:
    """The signals of one pair and their score; None when the date gate refuses it."""
    overlap, shared = entity_overlap(mine["entities"], theirs["entities"])
    days = None
    if mine["day"] is not None and theirs["day"] is not None:
        days = abs(mine["day"] - theirs["day"])
        if days > settings.gate_days:
            return None
    score = similarity + settings.entity_weight * overlap
    if days is None:
        score -= settings.undated_penalty
    elif days == 0:
        score += settings.same_day_bonus
    return {
        "score": round(score, 4),
        "similarity": round(similarity, 4),
        "entities": round(overlap, 4),
        "shared_entities": shared[:10],
        "days": days,
    }


def lead(article: dict[str, Any], chars: int) -> str:
    """The text a story vector is made of: the title and the start of the body."""
    body = (article.get("text") or "")[:chars]
    title = article.get("title") or ""
    return f"{title}\n{body}" if title and not body.startswith(title) else body


def story_id(article_id: str) -> str:
    """A story is named after its first article."""
    return f"s-{article_id}"


def embed(texts: list[str]) -> np.ndarray:
    """Story vectors of ``texts`` (USE-multilingual, unit length)."""
    from tidings.embed import use_embed

    return use_embed(texts)


class StoryStage:
    """Corpus stage ``stories``: each new article joins an earlier story or opens one."""

    name: ClassVar[str] = "stories"
    version: ClassVar[str] = "stories.v1"
    after: ClassVar[tuple[str, ...]] = ("dedup",)
    model: ClassVar[str] = "use-multilingual-v3"
    ndim: ClassVar[int] = 512

    def __init__(
        self,
        settings: StorySettings | None = None,
        embedder: Callable[[list[str]], np.ndarray] | None = None,
    ) -> None:
        self.settings = settings or StorySettings()
        # the vectors of texts (unit rows of ``ndim``): USE-multilingual unless given
        self.embed = embedder or embed
        self.index: VectorIndex | None = None

    def open(self, corpus: Any) -> VectorIndex:
        if self.index is None:
            self.index = VectorIndex.open(corpus, self.ndim)
        return self.index

    def fold(
        self, corpus: Any, articles: Sequence[dict[str, Any]], update: CorpusUpdate
    ) -> set[str]:
        """Place ``articles`` (rowid order, inside the caller's transaction); return the ids
        of the stories that changed."""
        index = self.open(corpus)
        touched: set[str] = set()
        copies = corpus.canonicals([a["rowid"] for a in articles])
        fresh = [a for a in articles if copies.get(a["rowid"], (a["rowid"], 1.0))[0] == a["rowid"]]
        leads = [lead(a, self.settings.lead_chars) for a in fresh]
        vectors = dict(zip([a["rowid"] for a in fresh], self.embed(leads), strict=True))
        for article in articles:
            rowid = article["rowid"]
            canonical, held = copies.get(rowid, (rowid, 1.0))
            if canonical != rowid:
                story = corpus.story_of([canonical]).get(canonical)
                if story is not None:
                    corpus.write_member(rowid, story, 1.0, canonical,
                                        {"duplicate_of": canonical, "containment": held},
                                        self.version)
                    touched.add(story)
                    update.changed.append(story)
                    continue
            vector = vectors.get(rowid)
            if vector is None:  # a copy whose original has no story: it stands alone
                vector = self.embed([lead(article, self.settings.lead_chars)])[0]
            mine = features(article)
            story, score, via, signals = self._best(corpus, index, vector, mine)
            if story is None:
                story = story_id(article["id"])
                update.created.append(story)
            else:
                update.changed.append(story)
            corpus.write_member(rowid, story, score, via, signals, self.version)
            corpus.write_vector(rowid, np.asarray(vector, dtype=np.float32).tobytes(),
                                self.model, mine)
            index.add(rowid, vector)
            touched.add(story)
        return touched

    def _best(
        self, corpus: Any, index: VectorIndex, vector: np.ndarray, mine: dict[str, Any]
    ) -> tuple[str | None, float, int | None, dict[str, Any]]:
        """The story to join (or None), the score and member that decided, and the signals."""
        settings = self.settings
        neighbours = index.search(vector, settings.neighbours)
        if not neighbours:
            return None, 0.0, None, {"reason": "first article"}
        rowids = [r for r, _ in neighbours]
        theirs = corpus.features(rowids)
        stories = corpus.story_of(rowids)
        spans = corpus.story_days(sorted(set(stories.values()))) if mine["day"] else {}
        best: tuple[float, int, dict[str, Any]] | None = None
        for rowid, similarity in neighbours:
            if rowid not in theirs or rowid not in stories:
                continue
            span = spans.get(stories[rowid])
            if span and not span[0] - settings.gate_days <= mine["day"] <= span[1] + (
                    settings.gate_days):
                continue  # the story's dated articles are too far: no chain through undated
            signals = pair_signals(similarity, mine, theirs[rowid], settings)
            if signals is not None and (best is None or signals["score"] > best[0]):
                best = (signals["score"], rowid, signals)
        if best is None:
            return None, 0.0, None, {"reason": "no earlier article within the date gate"}
        score, via, signals = best
        if score < settings.threshold:
            return None, score, None, {"reason": "below threshold", "nearest": via,
                                       "threshold": settings.threshold, **signals}
        return stories[via], score, via, signals
