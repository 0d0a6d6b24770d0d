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
- ``place``: the acts the events stage located: the same act (type) by the same person or
  organisation in two different countries is two events (Xi meets Boluarte in Beijing; Xi
  visits Peru), and the pair is refused;
- ``entities`` refused: two articles that both name entities and share not one report
  different things, however alike their topic;
- ``figures``: two leads that each hold several figures (not years) and share few report
  different things (templated earnings wires of two companies), and the pair is refused;
- ``days``: the gap between the two publication dates. A story is one event: beyond
  ``gate_days`` the pair is refused, whatever else it shares, and so is a story whose dated
  articles all lie further than that (no chain through an undated article); the same day adds
  a little; an article with no date must show more of everything (``undated_penalty``).

The best story among the neighbours' stories is joined when its best pair clears
``threshold``. A copy (``dedup``) joins its canonical's story directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import numpy as np

from tidings.config import StorySettings
from tidings.corpus.base import CorpusUpdate
from tidings.corpus.index import VectorIndex
from tidings.corpus.signals import day_number, features, lead, pair_signals


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
        # one text at a time: a batch's padding moves a vector by ~1e-7, enough to change
        # a stored score, and the record must not depend on how the articles were chunked
        vectors = {a["rowid"]: self.embed([lead(a, self.settings.lead_chars)])[0]
                   for a in fresh}
        for article in articles:
            rowid = article["rowid"]
            canonical, held = copies.get(rowid, (rowid, 1.0))
            if canonical != rowid:
                story = corpus.story_of([canonical]).get(canonical)
                if story is not None:
                    corpus.write_member(rowid, story, 1.0, canonical,
                                        {"duplicate_of": canonical, "containment": held},
                                        self.version, day_number(article.get("published")))
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
            corpus.write_member(rowid, story, score, via, signals, self.version, mine["day"])
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
        theirs = corpus.placed([r for r, _ in neighbours])
        stories = {r: f["story"] for r, f in theirs.items()}
        spans = corpus.story_days(sorted(set(stories.values()))) if mine["day"] else {}
        pairs: dict[str, list[tuple[float, int, dict[str, Any]]]] = {}
        refused: dict[str, Any] | None = None
        barred: set[str] = set()
        for rowid, similarity in neighbours:
            if rowid not in theirs:
                continue
            span = spans.get(stories[rowid])
            if span and not span[0] - settings.gate_days <= mine["day"] <= span[1] + (
                    settings.gate_days):
                continue  # the story's dated articles are too far: no chain through undated
            signals = pair_signals(similarity, mine, theirs[rowid], settings)
            if "refused" in signals:
                refused = refused or {"nearest": rowid, **signals}
                # one member whose figures say it reports something else bars its story:
                # a story is not joined through its one vague article
                if signals["refused"] == "figures":
                    barred.add(stories[rowid])
                continue
            pairs.setdefault(stories[rowid], []).append((signals["score"], rowid, signals))
        for story in barred:
            pairs.pop(story, None)
        if not pairs:
            return None, 0.0, None, {
                "reason": "no earlier article could join", **(refused or {})}
        best: tuple[float, int, dict[str, Any]] | None = None
        for found in pairs.values():
            found.sort(key=lambda p: (-p[0], p[1]))
            # a story's score: its best pair, or (average link) the mean of its pairs among
            # the neighbours, which keeps one look-alike article from pulling in the next
            value = found[0][0] if settings.link == "single" else (
                sum(p[0] for p in found) / len(found))
            if best is None or value > best[0] or (value == best[0] and found[0][1] < best[1]):
                best = (round(value, 4), found[0][1], found[0][2])
        assert best is not None
        score, via, signals = best
        if score < settings.threshold:
            return None, score, None, {"reason": "below threshold", "nearest": via,
                                       "threshold": settings.threshold, **signals}
        return stories[via], score, via, signals
