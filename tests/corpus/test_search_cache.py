"""Search by meaning embeds a query's words once per process: a search page asks for them
twice (its hits, then its facets), and paging asks again."""

from __future__ import annotations

import numpy as np

from tidings.corpus import search


def test_a_query_is_embedded_once_and_its_vector_cannot_be_changed(monkeypatch):
    calls: list[list[str]] = []

    def counting(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.ones((len(texts), 4), np.float32) / 2

    monkeypatch.setattr(search, "_embed", counting)
    search._query_vector.cache_clear()
    try:
        first = search._query_vector("port of Chancay")
        again = search._query_vector("port of Chancay")
        other = search._query_vector("copper output")
    finally:
        search._query_vector.cache_clear()
    assert calls == [["port of Chancay"], ["copper output"]]
    assert again is first and other is not first
    assert not first.flags.writeable  # shared between requests: nobody may scale it in place
