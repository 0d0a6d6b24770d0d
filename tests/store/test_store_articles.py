"""The article contract of every store backend: idempotent writes, rejects, lookup by id
prefix, and full-text search that matches Chinese inside words, accents either way, filters,
and any user input."""

from __future__ import annotations

import pytest

from tidings.model import Article, Reject
from tidings.queries import ArticleQuery
from tidings.store import open_store


def search(store, q, **filters):
    return store.search(ArticleQuery.parse(q, **filters))


def _article(text: str, *, lang: str, published: str | None, title: str | None = None):
    return Article(
        text=text, source=f"test/{lang}.txt", title=title, lang=lang, published=published
    )


ARTICLES = [
    _article(
        "中国与秘鲁签署协议，双方同意加强经济合作。",
        lang="zh",
        published="2024-11-14",
        title="中秘签署协议",
    ),
    _article(
        "Die Präsidentin des Bundestages eröffnete die Sitzung über den Haushalt.",
        lang="de",
        published="2024-11-15T08:30:00",
        title="Präsidentin eröffnet Sitzung",
    ),
    _article(
        "Le président a reçu la délégation à l'Élysée pour parler du budget.",
        lang="fr",
        published="2024-11-16",
        title="Réunion à l'Élysée",
    ),
    _article(
        "The president of Peru met the delegation to discuss the budget and the port.",
        lang="en",
        published="2024-11-20",
        title="Peru budget talks",
    ),
    _article(
        "An undated note about the budget, with no date at all in it.",
        lang="en",
        published=None,
    ),
]


@pytest.fixture
def store(location):
    with open_store(location) as opened:
        assert opened.write(ARTICLES, [Reject("test/bad.txt", "empty file")]) == len(ARTICLES)
        yield opened


def _ids(hits) -> set[str]:
    return {hit["id"] for hit in hits}


def _id(lang: str) -> str:
    return next(a.id for a in ARTICLES if a.lang == lang and a.published)


# -- schema and opening -----------------------------------------------------------------------


def test_writing_the_same_articles_and_rejects_again_adds_nothing(store):
    assert store.write(ARTICLES, [Reject("test/bad.txt", "empty file")]) == 0
    assert store.count() == len(ARTICLES)
    assert [(r["source"], r["reason"]) for r in store.rejects()] == [
        ("test/bad.txt", "empty file")
    ]
    assert len(search(store, "budget", limit=50)) == 3  # the search index holds no copies


def test_forgetting_the_rejects_of_a_source_drops_its_line_rejects_too(store):
    store.write([], [Reject("test/a.jsonl#line=3", "invalid JSON"), Reject("test/ab.txt", "x")])

    store.write([], [], forget_rejects_of="test/a.jsonl")

    sources = [r["source"] for r in store.rejects()]
    assert "test/a.jsonl#line=3" not in sources and "test/ab.txt" in sources


# -- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["秘鲁", "鲁签", "中国与秘鲁", "秘鲁 合作", "中秘"])
def test_search_finds_chinese_inside_words(store, query):
    assert _ids(search(store, query)) == {_id("zh")}


def test_search_does_not_match_chinese_characters_that_are_apart(store):
    assert search(store, "秘协") == []


@pytest.mark.parametrize(
    ("query", "langs"),
    [
        ("Präsidentin", "de"),
        ("präsidentin", "de"),
        ("Prasidentin", "de"),
        ("eröffnete", "de"),
        ("Élysée", "fr"),
        ("elysee", "fr"),
        ("délégation", "fr en"),  # and "delegation" in English
        ("reçu", "fr"),
    ],
)
def test_search_finds_accented_words_with_or_without_accents(store, query, langs):
    assert _ids(search(store, query)) == {_id(lang) for lang in langs.split()}


def test_search_filters_by_language(store):
    assert _ids(search(store, "budget", lang="fr")) == {_id("fr")}
    assert len(search(store, "budget", lang="en")) == 2
    assert search(store, "budget", lang="zh") == []


def test_search_filters_by_date_range_including_the_whole_last_day(store):
    assert _ids(search(store, "budget OR Haushalt", since="2024-11-15", until="2024-11-16")) == {
        _id("de"),
        _id("fr"),
    }
    # 2024-11-15T08:30 is on the last day
    assert _ids(search(store, "Haushalt", until="2024-11-15")) == {_id("de")}
    assert _ids(search(store, "budget", since="2024-11-17")) == {_id("en")}
    assert search(store, "budget", until="2024-11-01") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"unclosed phrase',
        "*",
        "**",
        "-",
        "-budget",
        "budget -port",
        "AND",
        "OR",
        "NOT",
        "budget AND",
        "AND OR NOT",
        "(",
        ")",
        "(budget",
        "NEAR(budget port)",
        "budget NEAR port",
        "title:budget",
        "^budget",
        "budget^",
        "{title body}: budget",
        "'",
        "budget's",
        "a\"b",
        "\\",
        "%",
        "_",
        "+",
        ":",
        "秘鲁*",
        "\"秘鲁\" OR",
        "\x00",
        "budget\u200b",
        "ünïcödé*",
        "🙂",
    ],
)
def test_search_never_raises_on_fts_syntax_in_user_input(store, query):
    hits = search(store, query)
    assert isinstance(hits, list)


def test_search_reads_fts_words_as_plain_words(store):
    assert _ids(search(store, "AND")) == {_id("en")}  # the word "and", not the operator
    assert _ids(search(store, "budget AND port")) == {_id("en")}
    assert _ids(search(store, "-budget port")) == {_id("en")}


def test_get_by_prefix_treats_like_wildcards_as_text(store):
    assert store.get("%%%%%%") is None
    assert store.get("______") is None
    assert store.get(_id("de"))["lang"] == "de"
    assert store.get(_id("de")[:8])["id"] == _id("de")




@pytest.mark.parametrize("q", ["budget OR Haushalt", "秘鲁", None])
def test_ranked_gives_the_ids_and_ranks_of_the_hits_in_their_order(store, q):
    query = ArticleQuery.parse(q, limit=None)
    ranked = store.ranked(query)
    hits = store.search(query)
    assert [i for i, _, _ in ranked] == [hit["id"] for hit in hits]
    assert [None if r is None else round(r, 3) for _, _, r in ranked] == [
        hit["rank"] for hit in hits]
    again = store.hits([rowid for _, rowid, _ in ranked], query)
    assert [hit["id"] for hit in again] == [hit["id"] for hit in hits]


def test_hits_are_filtered_then_paged_in_the_order_given(store):
    everything = store.ranked(ArticleQuery.parse(None, limit=None))
    rowids = [rowid for _, rowid, _ in reversed(everything)]
    ids = [ident for ident, _, _ in reversed(everything)]
    assert [h["id"] for h in store.hits(rowids, ArticleQuery.parse(None, limit=None))] == ids
    page = store.hits(rowids, ArticleQuery.parse(None, limit=2, offset=1))
    assert [h["id"] for h in page] == ids[1:3]
    assert all(h["snippet"] is not None for h in page)
    lang = store.hits(rowids, ArticleQuery.parse(None, lang="de", limit=None))
    assert lang and {h["lang"] for h in lang} == {"de"}
    assert [h["id"] for h in lang] == [i for i in ids if i in {h["id"] for h in lang}]
