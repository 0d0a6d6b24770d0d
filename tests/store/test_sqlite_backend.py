"""What only the SQLite backend promises: migrations recorded by name and applied once, old
stores upgraded on open, clear errors for files that are not stores, and a writer killed
mid-batch leaving the last commit."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from events_data import ROOT, _lima, _refusal, _reply, entities, events, types

from tidings.errors import StoreError
from tidings.model import Actor, Article, Event, Mention
from tidings.store import open_store
from tidings.store.sqlite.migrate import migrations


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "t.db") as opened:
        opened.write([_lima(), _reply(), _refusal()])
        yield opened


def test_migrations_are_recorded_by_name_and_applied_once(tmp_path):
    db = tmp_path / "t.db"
    names = [name for name, _ in migrations()]

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

    assert "needs migrations" in caught.value.message and migrations()[0][0] in caught.value.message
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
    assert sorted(name for (name,) in applied) == sorted(name for name, _ in migrations())

def test_a_failed_insert_rolls_back_its_article_its_events_and_the_batch(store):
    before = (store.count(), store.status()["events"])
    good = Article("Chile welcomed the plan.", source="good.txt", published="2024-11-21")
    good.events = [Event("SUPPORT", [Actor(0, 5, "Chile", "CHL", "CHL", "CHL")])]
    bad = Article("Bolivia met Chile.", source="bad.txt", published="2024-11-22")
    # the event row goes in, then the actor row breaks NOT NULL: the whole batch must go
    bad.events = [Event("CONSULT", [Actor(0, 7, None, "BOL")])]  # type: ignore[arg-type]

    with pytest.raises(sqlite3.IntegrityError):
        store.write([good, bad])

    assert (store.count(), store.status()["events"]) == before
    assert events(store, actor="CHL") == []
    assert store.get(good.id) is None
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 10
    assert conn.execute("SELECT count(*) FROM event_evidence").fetchone()[0] == 5
    assert store.write([good]) == 1  # and the store takes writes again
    assert types(events(store, actor="CHL")) == ["SUPPORT"]


def test_a_writer_killed_in_the_middle_of_a_batch_leaves_the_last_commit(tmp_path):
    db = tmp_path / "killed.db"
    with open_store(db) as store:
        store.write([_refusal()])
    script = textwrap.dedent(
        f"""
        import os, signal
        from tidings.model import Actor, Article, Event, Evidence
        from tidings.store import open_store

        def articles():
            for n in range(3):
                article = Article(f"Peru met Chile, round {{n}}.", source=f"k{{n}}.txt")
                article.events = [Event("CONSULT", [Actor(0, 4, "Peru", "PER", "PER", "PER")],
                                        [Actor(9, 14, "Chile", "CHL", "CHL", "CHL")],
                                        evidence=[Evidence(0, 20, 5, 8, "met")])]
                yield article
            os.kill(os.getpid(), signal.SIGKILL)  # after the events went in, before commit

        open_store({str(db)!r}).write(articles())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == -9, done.stderr

    with open_store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count() == 1
        assert store.status()["events"] == 1
        assert events(store, actor="CHL") == []
        assert store.conn.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 2


def _old_store(path: Path, article: Article) -> None:
    """A store as the version before events wrote it: migrations 0001 and 0002 only."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, sql in migrations()[:2]:
        assert name in ("0001_articles", "0002_entities")
        conn.executescript(";\n".join(sql))
        conn.execute("INSERT INTO _migrations VALUES (?, '2024-11-01T00:00:00+00:00')", (name,))
    data = article.to_dict()
    text = data.pop("text")
    del data["events"]
    conn.execute(
        """INSERT INTO articles (id, source, format, title, text, lang, published, data,
           versions, ingested_at) VALUES (?, ?, 'text', ?, ?, ?, ?, ?, '{}', '2024-11-01')""",
        (article.id, article.source, article.title, text, article.lang, article.published,
         json.dumps(data)),
    )
    conn.execute("INSERT INTO entities (id, name, type, articles) VALUES ('PER', 'Peru', 'LOC', 1)")
    conn.commit()
    conn.close()


def test_a_store_made_before_events_gains_the_tables_on_open_and_keeps_its_rows(tmp_path):
    db = tmp_path / "old.db"
    old = Article("Peru hosted the summit.", source="old.txt", title="Old", lang="en",
                  published="2024-11-01")
    _old_store(db, old)

    with open_store(db) as store:
        assert store.migrations() == [name for name, _ in migrations()]
        assert store.get(old.id)["title"] == "Old"
        assert entities(store)[0]["name"] == "Peru"
        assert store.status()["events"] == 0
        assert events(store) == []
        assert store.write([_lima()]) == 1
        assert types(events(store)) == ["CONSULT", "AGREE"]
        assert store.count() == 2


def test_a_reader_of_a_store_made_before_events_is_told_to_open_it_with_a_writer(tmp_path):
    db = tmp_path / "old.db"
    _old_store(db, Article("Peru hosted the summit.", source="old.txt"))

    with pytest.raises(StoreError) as caught:
        open_store(db, readonly=True)
    assert "0003_events" in caught.value.message



def test_analysis_results_are_kept_once_in_their_tables_not_also_in_the_article_json(tmp_path):
    article = _lima()
    article.mentions = [Mention(0, 12, "President Xi", "PER", 0.8, "title", "per:xi-jinping")]
    with open_store(tmp_path / "t.db") as store:
        store.write([article])
        (data,) = store.conn.execute("SELECT data FROM articles").fetchone()
        assert "mentions" not in json.loads(data) and "events" not in json.loads(data)
        assert store.get(article.id)["mentions"][0]["text"] == "President Xi"


def test_a_store_that_kept_mentions_in_the_article_json_moves_them_to_the_table_order(tmp_path):
    db = tmp_path / "v4.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, sql in migrations()[:4]:
        conn.executescript(";\n".join(sql))
        conn.execute("INSERT INTO _migrations VALUES (?, '2024-11-01T00:00:00+00:00')", (name,))
    article = _lima()
    # the linker's order, not offset order: entities point at mentions by index
    article.mentions = [
        Mention(10, 23, "Dina Boluarte", "PER", 0.9, "ner", "per:dina-boluarte"),
        Mention(0, 12, "President Xi", "PER", 0.8, "title", "per:xi-jinping"),
    ]
    data = article.to_dict()
    text = data.pop("text")
    conn.execute(
        """INSERT INTO articles (rowid, id, source, format, title, text, lang, published, data,
           versions, ingested_at) VALUES (1, ?, 'a.txt', 'text', ?, ?, 'en', ?, ?, '{}', 'x')""",
        (article.id, article.title, text, article.published, json.dumps(data)),
    )
    conn.executemany(
        "INSERT INTO mentions VALUES (1, ?, ?, ?, ?, ?, ?, ?, 'entities.v1')",
        [(m.start, m.end, m.text, m.type, m.entity_id, m.confidence, m.source)
         for m in article.mentions],
    )
    conn.commit()
    conn.close()

    with open_store(db) as store:
        stored = store.get(article.id)
        (left,) = store.conn.execute("SELECT data FROM articles").fetchone()
    assert [m["text"] for m in stored["mentions"]] == ["Dina Boluarte", "President Xi"]
    assert "mentions" not in json.loads(left)
