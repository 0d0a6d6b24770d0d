"""Every command that takes a store works on PostgreSQL and gives what SQLite gives: the same
export byte for byte (ingest times aside), the same search hits, stories and storylines; a
server that cannot be reached is a one-line error naming it, exit 2."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cli_helpers import run, tidings
from tidings.demo import demo_corpus

pytestmark = pytest.mark.slow

# two stories in five languages, an HTML page and a feed: every reader and stage has work
FILES = ["01_peru-apec_en.html", "02_peru-apec_es.txt", "03_peru-apec_zh.txt",
         "05_peru-apec_de.txt", "06_peru-apec_fr.txt", "08_boluarte-beijing_en.txt",
         "10_boluarte-beijing_es.txt", "13_boluarte-beijing_de.txt", "26_valencia-dana_es.txt",
         "29_valencia-dana_en.txt", "43_portada-feed_es.rss"]
_TIMES = re.compile(r'"(ingested_at|updated_at|created_at)": "[^"]*"')


@pytest.fixture(scope="module")
def stores(tmp_path_factory, pg_server) -> dict[str, str]:
    """The same files ingested into an SQLite file and a PostgreSQL database."""
    folder = tmp_path_factory.mktemp("pg-cli")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name in FILES:
        shutil.copy(demo_corpus() / name, corpus / name)
    out = {"sqlite": str(folder / "store.db"), "postgresql": pg_server.fresh(),
           "corpus": str(corpus)}
    for backend in ("sqlite", "postgresql"):
        run("ingest", str(corpus), "--db", out[backend], "--quiet", "--workers", "1")
    return out


def _export(db: str, what: str, tmp: Path) -> str:
    target = tmp / f"{what}-{abs(hash(db))}.jsonl"
    run("export", "--db", db, "--what", what, "--format", "jsonl", "--out", str(target))
    return _TIMES.sub(r'"\1": "_"', target.read_text("utf-8"))


@pytest.mark.parametrize("what", ["articles", "events", "quotes", "stories", "storylines"])
def test_the_export_of_a_postgresql_store_is_the_export_of_sqlite(stores, what, tmp_path):
    sqlite, postgresql = (_export(stores[b], what, tmp_path) for b in ("sqlite", "postgresql"))
    assert postgresql.count("\n") > 0
    assert postgresql == sqlite


def test_ingesting_the_same_files_again_adds_nothing(stores):
    done = json.loads(run("ingest", stores["corpus"], "--db", stores["postgresql"], "--json",
                          "--workers", "1"))
    assert done["articles_in_store"] == json.loads(
        run("status", "--db", stores["sqlite"], "--json"))["articles"]
    assert done["added"] == 0 and done["skipped_unchanged"] == len(FILES)


@pytest.mark.parametrize("query", ["Boluarte", "秘鲁", "Perú", "peru OR valencia", "chanc*"])
def test_search_finds_the_same_articles_on_both(stores, query):
    def ids(db: str) -> set[str]:
        return {hit["id"] for hit in json.loads(run("search", query, "--db", db, "--json"))}

    found = ids(stores["postgresql"])
    assert found
    assert found == ids(stores["sqlite"])


def test_search_on_postgresql_also_matches_other_forms_of_a_word(stores):
    # 'talks' is not in the English texts as written; its stem is ('talk'/'talked')
    hits = json.loads(run("search", "visits", "--db", stores["postgresql"], "--json"))
    assert any(hit["lang"] == "en" for hit in hits)


@pytest.mark.parametrize("command", [["stories"], ["storylines", "--pair", "CHN-PER"],
                                     ["events", "--pair", "CHN-PER"], ["quotes"]])
def test_query_commands_answer_the_same_on_both(stores, command):
    answers = [_TIMES.sub(r'"\1": "_"', run(*command, "--db", stores[b], "--json"))
               for b in ("sqlite", "postgresql")]
    assert json.loads(answers[1])
    assert answers[0] == answers[1]


def test_show_and_status_read_a_postgresql_store(stores):
    first = json.loads(run("search", "Boluarte", "--db", stores["postgresql"], "--json"))[0]
    shown = json.loads(run("show", first["id"][:8], "--db", stores["postgresql"], "--json"))
    assert shown["id"] == first["id"] and shown["mentions"]
    status, expected = (json.loads(run("status", "--db", stores[b], "--json"))
                        for b in ("postgresql", "sqlite"))
    for key in ("articles", "by_lang", "by_format", "entities", "events", "stories"):
        assert status[key] == expected[key], key
    assert status["migrations"] == expected["migrations"]
    assert status["db"] == stores["postgresql"]


def test_serve_answers_from_a_postgresql_store(stores):
    from tidings.serve import create_app

    with TestClient(create_app(stores["postgresql"])) as client:
        articles = client.get("/api/articles", params={"q": "Boluarte"}).json()
        assert articles["items"]
        events = client.get("/api/events", params={"pair": "CHN-PER"})
        assert events.status_code == 200 and events.json()["items"]
        page = client.get(f"/articles/{articles['items'][0]['id']}")
        assert page.status_code == 200 and "<mark" in page.text
        assert client.get("/api/articles", params={"since": "soon"}).status_code in (400, 422)


def test_a_server_that_cannot_be_reached_is_named_with_exit_2():
    done = tidings("status", "--db", "postgresql://tidings:secret@127.0.0.1:1/news",
                   check=False)
    assert done.returncode == 2
    assert "127.0.0.1:1/news" in done.stderr and "cannot connect" in done.stderr
    assert "secret" not in done.stderr
