"""The nearest-neighbour index of story vectors (``usearch``, cosine), kept in a file beside
the store and checked against the stored vectors when opened.

The store's ``story_vectors`` table is the truth; the index file is a cache of it. It is
trusted only when it holds exactly as many vectors as the table, up to the same last rowid;
otherwise (a run killed between its commit and the save, a store copied without the file) it is
rebuilt from the table. Small indexes are searched exactly, so a few thousand articles give the
same neighbours whatever the history of the file; beyond that the HNSW graph answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

# Below this many vectors the search is exact (brute force is fast and history-free).
EXACT_BELOW = 20_000


class VectorIndex:
    """Vectors keyed by article rowid, searched by cosine similarity."""

    def __init__(self, ndim: int, path: Path | None = None) -> None:
        from usearch.index import Index

        self.ndim = ndim
        self.path = path
        # expansion 64 when adding (usearch's default 128 doubles the cost of an add for no
        # recall we could measure at these sizes); half floats halve the memory
        self.index = Index(ndim=ndim, metric="cos", dtype="f16", connectivity=16,
                           expansion_add=64, expansion_search=64)
        self.last = 0

    @classmethod
    def open(cls, corpus: Any, ndim: int) -> VectorIndex:
        """The index of ``corpus``'s stored vectors: from its file when that matches the
        table, else rebuilt from the table."""
        path = corpus.index_path("vectors.usearch")
        count, last = corpus.vector_count()
        index = cls(ndim, path)
        if path is not None and path.is_file() and count:
            try:
                index.index.load(str(path))
            except (RuntimeError, ValueError, OSError):
                index = cls(ndim, path)
            else:
                keys = index.index.keys
                if len(index.index) == count and index.index.ndim == ndim and (
                    len(keys) and int(np.max(np.asarray(keys))) == last
                ):
                    index.last = last
                    return index
                index = cls(ndim, path)
        for rowid, blob in corpus.vectors():
            index.add(rowid, np.frombuffer(blob, dtype=np.float32))
        return index

    def __len__(self) -> int:
        return len(self.index)

    def add(self, key: int, vector: np.ndarray) -> None:
        self.index.add(key, np.asarray(vector, dtype=np.float32), threads=1)
        self.last = max(self.last, key)

    def search(self, vector: np.ndarray, count: int) -> list[tuple[int, float]]:
        """Up to ``count`` ``(rowid, cosine similarity)``, most similar first."""
        if not len(self.index):
            return []
        matches = self.index.search(
            np.asarray(vector, dtype=np.float32), min(count, len(self.index)), threads=1,
            exact=len(self.index) < EXACT_BELOW,
        )
        found = [(int(k), 1.0 - float(d)) for k, d in zip(matches.keys, matches.distances,
                                                           strict=True)]
        # equal distances come back in any order: break ties by rowid, for the same answer
        # whatever the history of the index
        return sorted(found, key=lambda kd: (-round(kd[1], 6), kd[0]))

    def save(self) -> None:
        """Write the index beside the store (nothing without a path)."""
        if self.path is not None:
            tmp = self.path.with_name(self.path.name + ".tmp")
            self.index.save(str(tmp))
            tmp.replace(self.path)
