"""The SQLite store: named migrations, clear errors, idempotent writes, and full-text search
that matches Chinese inside words, accents either way, filters, and any user input."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from tidings.errors import StoreError
from tidings.model import Article, Reject
from tidings.store import open_store
from tidings.store.migrations import MIGRATIONS


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
def store(tmp_path):
    with open_store(tmp_path / "t.db") as opened:
        assert opened.write(ARTICLES, [Reject("test/bad.txt", "empty file")]) == len(ARTICLES)
        yield opened


def _ids(hits) -> set[str]:
    return {hit["id"] for hit in hits}


def _id(lang: str) -> str:
    return next(a.id for a in ARTICLES if a.lang == lang and a.published)


# -- schema and opening -----------------------------------------------------------------------


def test_migrations_are_recorded_by_name_and_applied_once(tmp_path):
    db = tmp_path / "t.db"
    names = [name for name, _ in MIGRATIONS]

    with open_store(db) as store:
        assert store.migrations() == sorted(names)
    first = sqlite3.connect(db).execute("SELECT name, applied_at FROM _migrations").fetchall()
    with open_store(db) as store, open_store(db, readonly=True) as reader:
        assert store.migrations() == reader.migrations() == sorted(names)
    again = sqlite3.connect(db).execute("SELECT name, applied_at FROM _migrations").fetchall()

    assert [name for name, _ in first] == names
    assert again == first  # not applied a second time


def test_readonly_open_of_a_store_that_needs_migrations_says_to_run_a_writer(tmp_path):
    db = tmp_path / "old.db"
    sqlite3.connect(db).execute("CREATE TABLE unrelated (x)").connection.commit()

    with pytest.raises(StoreError) as caught:
        open_store(db, readonly=True)

    assert "needs migrations" in caught.value.message and MIGRATIONS[0][0] in caught.value.message
    assert "tidings ingest" in caught.value.hint


@pytest.mark.parametrize("readonly", [False, True], ids=["writer", "reader"])
def test_opening_a_file_that_is_not_a_database_is_a_clear_store_error(tmp_path, readonly):
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 200
    path.write_bytes(content)

    with pytest.raises(StoreError) as caught:
        open_store(path, readonly=readonly)

    assert str(path) in caught.value.message and "not a usable tidings database" in str(
        caught.value
    )
    assert "--db" in caught.value.hint
    assert path.read_bytes() == content  # left as it was


def test_readonly_open_of_a_missing_file_says_to_run_ingest_first(tmp_path):
    path = tmp_path / "missing.db"

    with pytest.raises(StoreError) as caught:
        open_store(path, readonly=True)

    assert "no database at" in caught.value.message and str(path) in caught.value.message
    assert f"tidings ingest PATH --db {path}" in caught.value.hint
    assert not path.exists()


def test_a_store_in_a_folder_that_cannot_be_made_is_a_clear_store_error(tmp_path):
    (tmp_path / "report.txt").write_text("a file, not a folder")
    path = tmp_path / "report.txt" / "t.db"

    with pytest.raises(StoreError) as caught:
        open_store(path)

    assert "cannot create the folder" in caught.value.message and str(path) in caught.value.message
    assert "--db" in caught.value.hint


# -- writing ----------------------------------------------------------------------------------


def test_writing_the_same_articles_and_rejects_again_adds_nothing(store):
    assert store.write(ARTICLES, [Reject("test/bad.txt", "empty file")]) == 0
    assert store.count() == len(ARTICLES)
    assert [(r["source"], r["reason"]) for r in store.rejects()] == [
        ("test/bad.txt", "empty file")
    ]
    assert len(store.search("budget", limit=50)) == 3  # the search index holds no copies


def test_forgetting_the_rejects_of_a_source_drops_its_line_rejects_too(store):
    store.write([], [Reject("test/a.jsonl#line=3", "invalid JSON"), Reject("test/ab.txt", "x")])

    store.write([], [], forget_rejects_of="test/a.jsonl")

    sources = [r["source"] for r in store.rejects()]
    assert "test/a.jsonl#line=3" not in sources and "test/ab.txt" in sources


# -- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["秘鲁", "鲁签", "中国与秘鲁", "秘鲁 合作", "中秘"])
def test_search_finds_chinese_inside_words(store, query):
    assert _ids(store.search(query)) == {_id("zh")}


def test_search_does_not_match_chinese_characters_that_are_apart(store):
    assert store.search("秘协") == []


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
    assert _ids(store.search(query)) == {_id(lang) for lang in langs.split()}


def test_search_filters_by_language(store):
    assert _ids(store.search("budget", lang="fr")) == {_id("fr")}
    assert len(store.search("budget", lang="en")) == 2
    assert store.search("budget", lang="zh") == []


def test_search_filters_by_date_range_including_the_whole_last_day(store):
    assert _ids(store.search("budget OR Haushalt", since="2024-11-15", until="2024-11-16")) == {
        _id("de"),
        _id("fr"),
    }
    # 2024-11-15T08:30 is on the last day
    assert _ids(store.search("Haushalt", until="2024-11-15")) == {_id("de")}
    assert _ids(store.search("budget", since="2024-11-17")) == {_id("en")}
    assert store.search("budget", until="2024-11-01") == []


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
    hits = store.search(query)
    assert isinstance(hits, list)


def test_search_reads_fts_words_as_plain_words(store):
    assert _ids(store.search("AND")) == {_id("en")}  # the word "and", not the operator
    assert _ids(store.search("budget AND port")) == {_id("en")}
    assert _ids(store.search("-budget port")) == {_id("en")}


def test_get_by_prefix_treats_like_wildcards_as_text(store):
    assert store.get("%%%%%%") is None
    assert store.get("______") is None
    assert store.get(_id("de"))["lang"] == "de"
    assert store.get(_id("de")[:8])["id"] == _id("de")


def test_stores_opened_at_the_same_moment_on_a_new_file_migrate_it_once(tmp_path):
    db = tmp_path / "new.db"
    start = threading.Barrier(4)
    errors: list[Exception] = []

    def open_new() -> None:
        start.wait()
        try:
            open_store(db).close()
        except StoreError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_new) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    applied = sqlite3.connect(db).execute("SELECT name FROM _migrations").fetchall()
    assert sorted(name for (name,) in applied) == sorted(name for name, _ in MIGRATIONS)
