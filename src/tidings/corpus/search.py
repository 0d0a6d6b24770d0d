"""Search by meaning: a query's multilingual embedding against the story vectors of the
stored articles (``corpus.stories`` keeps one per article: its title and lead, USE-multilingual),
and the fusion of that ranking with the full-text one.

An English query finds the German and Chinese articles about the same thing, because the
vectors of a text and of its translation lie close together. The vectors describe an article's
lead, not every sentence of it: a word that only the fifth paragraph holds is full text's job,
which is why ``both`` (reciprocal-rank fusion of the two rankings) is offered.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from tidings.corpus.index import VectorIndex
from tidings.errors import QueryError
from tidings.queries import ArticleQuery
from tidings.store.base import Store

# Reciprocal-rank fusion: each ranking adds 1 / (K + rank); 60 is the value of the paper
# that proposed it, and what most search engines use.
FUSION_K = 60
# How deep each ranking is read before fusion or filtering.
CANDIDATES = 200

_indexes: dict[tuple[str, int, int], VectorIndex] = {}
# one loader at a time: requests that arrive together while the index loads wait for that
# one load instead of each loading it (a second each, on 20,000 vectors)
_loading = threading.Lock()


def _index(store: Store, ndim: int) -> VectorIndex:
    """The store's vector index, kept between queries while the store holds the same
    vectors (the server asks many questions of one store)."""
    # the vectors only grow (a new stories version rebuilds them with new rowids), so the
    # largest rowid names what is stored; counting them reads the whole table
    last = store.corpus.last_vector()
    key = (str(getattr(store, "path", id(store))), last)
    with _loading:
        if key not in _indexes:
            _indexes.clear()  # one store at a time: a server has one
            _indexes[key] = VectorIndex.open(store.corpus, ndim)
        return _indexes[key]


def _embed(texts: list[str]) -> np.ndarray:
    from tidings.corpus.stories import embed

    return embed(texts)


@functools.lru_cache(maxsize=512)
def _query_vector(text: str) -> np.ndarray:
    """A query's vector, kept for the next request with the same words: a search page asks
    for it twice (its hits, then its facets over the first 500), and paging asks again."""
    vector = _embed([text])[0]
    vector.flags.writeable = False
    return vector


def warm(db: str | None = None) -> None:
    """Load the query encoder now, and the vector index of the store at ``db`` (a server
    does it at start, so the first searches by meaning do not wait for them); nothing
    happens when the encoder is not installed or the store holds no vectors."""
    with contextlib.suppress(ImportError):
        vector = _embed(["warm"])[0]
        if db is not None:
            from tidings.store import open_store

            with open_store(db, readonly=True) as store:
                if store.corpus.last_vector():
                    _index(store, int(vector.shape[0]))


def _nearest(store: Store, query: ArticleQuery,
             embedder: Callable[[list[str]], np.ndarray] | None) -> list[tuple[int, float]]:
    """``(rowid, cosine)`` of the stored vectors nearest ``query.q``, enough of them for
    ``query``'s page once filtered, most similar first."""
    if not store.corpus.last_vector():
        raise QueryError(
            "no article vectors are stored, so nothing can be searched by meaning",
            hint="run 'tidings stories update --db F' (ingest makes them unless --no-stories)",
        )
    words = (query.q or "").strip()
    vector = embedder([words])[0] if embedder else _query_vector(words)
    index = _index(store, int(vector.shape[0]))
    wanted = query.offset + (query.limit or CANDIDATES)
    # a filter drops some of the nearest: read four times the page then
    return index.search(vector, max(CANDIDATES, wanted * (4 if query.filtered else 1)))


def semantic(store: Store, query: ArticleQuery,
             embedder: Callable[[list[str]], np.ndarray] | None = None) -> list[dict[str, Any]]:
    """Articles whose lead means most nearly what ``query.q`` says, most similar first,
    filtered and paged as ``query`` says; each hit's ``score`` is the cosine similarity."""
    if not query.q or not query.q.strip():
        return store.search(query)
    found = _nearest(store, query, embedder)
    scores = dict(found)
    hits = store.hits([rowid for rowid, _ in found], query)  # filtered and paged
    for hit in hits:
        hit["score"] = round(scores[hit.pop("_rowid")], 4)
    return hits


def semantic_ids(store: Store, query: ArticleQuery) -> list[str]:
    """The ids of ``semantic``'s hits, in its order, without reading their text (a search
    page's facets count over the first 500)."""
    if not query.q or not query.q.strip():
        return [ident for ident, _, _ in store.ranked(query)]
    rowids = [rowid for rowid, _ in _nearest(store, query, None)]
    end = len(rowids) if query.limit is None else query.offset + query.limit
    matching = store.matching(rowids[:end], query)  # enough, unless a filter dropped some
    if len(matching) < end:
        matching += store.matching(rowids[end:], query)
    return [ident for _, ident in matching][query.offset:end]


def fused(store: Store, query: ArticleQuery,
          embedder: Callable[[list[str]], np.ndarray] | None = None) -> list[dict[str, Any]]:
    """Full-text and semantic rankings fused by reciprocal rank: an article near the top of
    either comes first, one high in both before them."""
    from dataclasses import replace

    deep = replace(query, limit=CANDIDATES, offset=0)
    text = store.search(deep) if query.terms else []
    meaning = semantic(store, deep, embedder)
    scores: dict[str, float] = {}
    hits: dict[str, dict[str, Any]] = {}
    for ranking in (text, meaning):
        for rank, hit in enumerate(ranking):
            scores[hit["id"]] = scores.get(hit["id"], 0.0) + 1.0 / (FUSION_K + rank + 1)
            hits.setdefault(hit["id"], hit).update(
                {k: v for k, v in hit.items() if v is not None})
    order = sorted(scores, key=lambda ident: (-scores[ident], ident))
    end = None if query.limit is None else query.offset + query.limit
    return [{**hits[i], "fused": round(scores[i], 5)} for i in order[query.offset:end]]
