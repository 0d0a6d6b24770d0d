"""The interface of a corpus stage.

A corpus stage is told which articles are new since its last run and updates what it keeps
in the store from them alone: ingesting today's articles must not recompute last year, and
the result must not depend on how the input was split into ingest runs. Like a per-article
stage it has a name and a component version, stored with every row it writes, so a re-run
after an upgrade knows what is stale (``corpus.update`` clears a stage whose version changed
and folds every article in again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from tidings.problems import Problem


@dataclass(slots=True)
class CorpusUpdate:
    """What one update did: items created and changed (ids of the stage's own records), and
    the problems met on the way."""

    stage: str
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0  # time spent in the stage's fold

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "created": len(self.created),
                "changed": len(set(self.changed)), "seconds": round(self.seconds, 3),
                "problems": [p.to_dict() for p in self.problems]}


@runtime_checkable
class CorpusStage(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    # corpus stages (by name) whose records this one reads: stories need dedup's groups
    after: ClassVar[tuple[str, ...]]

    def fold(self, corpus: Any, articles: Sequence[dict[str, Any]], update: CorpusUpdate
             ) -> Any:
        """Fold ``articles`` (stored, in rowid order, after the stage's watermark) into the
        stage's records, through the store's ``corpus`` interface, inside its transaction."""
        ...
