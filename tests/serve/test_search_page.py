"""The search page's hits and facets (``service.search_page``): the same hits as a search,
facets over the same first matches, whether it ranks once (by words) or reads the nearest
vectors without their texts (by meaning). The demo store, real encoder."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tidings import service
from tidings.corpus import search as by_meaning
from tidings.queries import ArticleQuery
from tidings.store import open_store


@pytest.fixture
def store(demo_db):
    with open_store(demo_db, readonly=True) as opened:
        yield opened


def _ids(hits):
    return [hit["id"] for hit in hits]


@pytest.mark.parametrize("mode", ["text", "semantic", "both"])
@pytest.mark.parametrize("offset", [0, 3])
def test_a_search_page_has_the_hits_of_the_search_and_facets_of_its_first_matches(
        store, mode, offset):
    query = ArticleQuery.parse("port of Chancay trade", mode=mode, limit=4, offset=offset)
    hits, facets = service.search_page(store, query, depth=12)
    assert hits == service.search(store, query)
    first = [hit["id"] for hit in service.search(store, replace(query, limit=12, offset=0))]
    assert facets["matches"] == len(first) and facets == {
        "depth": 12, "matches": len(first), **store.facets(first)}


def test_a_page_past_the_depth_is_searched_on_its_own(store):
    query = ArticleQuery.parse("the", limit=5, offset=10)
    hits, facets = service.search_page(store, query, depth=8)
    assert _ids(hits) == _ids(service.search(store, query)) and facets["matches"] == 8


def test_semantic_ids_are_the_ids_of_the_semantic_hits_without_their_texts(store):
    for lang in (None, "de"):
        query = ArticleQuery.parse("floods in Valencia", mode="semantic", lang=lang, limit=6,
                                   offset=1)
        assert by_meaning.semantic_ids(store, query) == _ids(by_meaning.semantic(store, query))
