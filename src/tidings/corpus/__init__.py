"""Corpus stages: what works on the store rather than on one article (near-duplicates,
stories, storylines), after the per-article map and incrementally as new articles arrive.

None is built yet; ``base.CorpusStage`` is the interface they implement.
"""

from tidings.corpus.base import CorpusStage, CorpusUpdate

__all__ = ["CorpusStage", "CorpusUpdate"]
