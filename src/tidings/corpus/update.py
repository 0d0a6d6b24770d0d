"""Run the corpus stages over what the store holds and they have not seen yet.

``update(store)`` reads the articles after the stages' watermarks in rowid order, in chunks;
each chunk is one transaction holding everything the stages wrote for it and their new
watermarks, so a run killed half-way leaves the store as it was after the last chunk and the
next run goes on from there. The story vectors' ANN index file is saved every
``SAVE_EVERY`` chunks and at the end, and rebuilt from the table when it does not match it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tidings.config import Settings, default_settings
from tidings.corpus.base import CorpusUpdate
from tidings.corpus.dedup import DedupStage
from tidings.corpus.stories import StoryStage
from tidings.corpus.storylines import StoryFacts, StorylineStage, load_facts
from tidings.corpus.summary import summarise
from tidings.store.base import Store

# The ANN index file is written after this many chunks and at the end (each write is the
# whole index); a run killed in between leaves a file the next run finds stale and rebuilds.
SAVE_EVERY = 50


@dataclass(slots=True)
class CorpusReport:
    """What an update did, per stage, and how long it took."""

    articles: int = 0
    seconds: float = 0.0
    stages: list[CorpusUpdate] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "seconds": round(self.seconds, 3),
                "stages": [s.to_dict() for s in self.stages]}


def update(
    store: Store,
    settings: Settings | None = None,
    *,
    chunk: int = 200,
    on_progress: Callable[[int, int], None] | None = None,
    embedder: Callable[[list[str]], np.ndarray] | None = None,
    upto: int | None = None,
) -> CorpusReport:
    """Fold every stored article the corpus stages have not seen into their records.
    ``on_progress(done, total)`` is called after each chunk; ``embedder`` replaces the
    stories' text encoder (benchmarks, experiments: it must give unit rows of 512);
    ``upto`` stops after that rowid (benchmarks: a store built up to a point)."""
    started = time.perf_counter()
    settings = settings or default_settings()
    corpus = store.corpus
    dedup, stories = DedupStage(settings.dedup), StoryStage(settings.stories, embedder)
    storylines = StorylineStage(settings.storylines)
    stages = (dedup, stories, storylines)
    marks = {s.name: corpus.progress(s.name, s.version) for s in stages}
    if marks["stories"] > marks["dedup"]:  # dedup was upgraded: stories read its groups
        corpus.reset("stories")
        marks["stories"] = 0
    if marks["storylines"] > marks["stories"]:  # storylines are built on the stories
        corpus.reset("storylines")
        marks["storylines"] = 0
    done = {s.name: CorpusUpdate(s.name) for s in stages}
    report = CorpusReport(stages=list(done.values()))
    upto = min(corpus.last_rowid(), upto if upto is not None else corpus.last_rowid())
    mark = min(marks.values())
    total = corpus.count_after(mark, upto)
    chunks = 0
    while mark < upto:
        batch = corpus.pending(mark, chunk, upto)
        if not batch:
            break
        last = batch[-1]["rowid"]
        with corpus.transaction():
            clock = time.perf_counter()
            dedup.fold(corpus, [a for a in batch if a["rowid"] > marks["dedup"]],
                       done["dedup"])
            clock = _lap(done["dedup"], clock)
            touched = stories.fold(corpus, [a for a in batch if a["rowid"] > marks["stories"]],
                                   done["stories"])
            facts = {story: _write_summary(corpus, story, stories.version)
                     for story in sorted(touched)}
            clock = _lap(done["stories"], clock)
            # the stories of this chunk's articles the storylines have not seen (all of
            # the chunk's, unless storylines are new on a store whose stories are built)
            changed = corpus.story_of([a["rowid"] for a in batch
                                       if a["rowid"] > marks["storylines"]])
            order = list(dict.fromkeys(changed[r] for r in sorted(changed)))
            storylines.fold(corpus, [facts.get(s) or load_facts(corpus, s) for s in order],
                            stories.open(corpus), done["storylines"])
            _lap(done["storylines"], clock)
            # a stage that was further on (a newer stage is catching up) keeps its mark
            marks = {name: max(done_to, last) for name, done_to in marks.items()}
            for stage in stages:
                corpus.set_progress(stage.name, stage.version, marks[stage.name])
        chunks += 1
        if stories.index is not None and chunks % SAVE_EVERY == 0:
            stories.index.save()
        mark = last
        report.articles += len(batch)
        if on_progress:
            on_progress(report.articles, total)
    if stories.index is not None and chunks % SAVE_EVERY:
        stories.index.save()
    report.seconds = time.perf_counter() - started
    return report


def _lap(update: CorpusUpdate, since: float) -> float:
    now = time.perf_counter()
    update.seconds += now - since
    return now


def _write_summary(corpus: Any, story: str, version: str) -> StoryFacts:
    """Summarise ``story`` and store it; what was read, with the new merged events."""
    facts = load_facts(corpus, story, merged=False)
    summary, facts.merged = summarise(story, facts.articles, facts.canonicals, facts.vectors)
    corpus.write_story(summary, facts.merged, version)
    return facts
