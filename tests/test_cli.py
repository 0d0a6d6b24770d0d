"""The command line as a user runs it: a real store, real files, the installed command."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def tidings(*args: str, cwd: Path | None = None, check: bool = True, stdin: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-m", "tidings", *args], capture_output=True, text=True, cwd=cwd,
        input=stdin, check=False, env=env,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"tidings {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def last_json(done) -> object:
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def store(tmp_path_factory, shared) -> Path:
    db = tmp_path_factory.mktemp("cli") / "t.db"
    tidings("ingest", str(shared / "seeds"), "--db", str(db), "--json")
    return db


def test_ingest_json_summary_counts_articles_and_rejects(tmp_path, shared):
    db = tmp_path / "t.db"
    report = last_json(tidings("ingest", str(shared / "seeds"), str(tmp_path / "missing.txt"),
                               "--db", str(db), "--json"))
    assert report["added"] == 3
    sources = [r["source"] for r in report["rejected"]]
    assert str(tmp_path / "missing.txt") in sources
    assert report["corpus"]["articles"] == 3
    again = last_json(tidings("ingest", str(shared / "seeds"), "--db", str(db), "--json"))
    assert again["added"] == 0
    assert again["skipped_unchanged"] == 4
    assert again["corpus"]["articles"] == 0  # nothing new to place


def test_ingest_reads_stdin(tmp_path):
    db = tmp_path / "t.db"
    text = "date 2024-11-15 From stdin\n\nBERLIN (dpa) - Die Regierung hat heute entschieden."
    report = last_json(tidings("ingest", "-", "--db", str(db), "--json", stdin=text))
    assert report["added"] == 1
    status = last_json(tidings("status", "--db", str(db), "--json"))
    assert status["by_agency"] == {"dpa": 1}


def test_status_lists_articles_and_rejects(store):
    status = last_json(tidings("status", "--db", str(store), "--json"))
    assert status["articles"] == 3
    assert status["by_lang"] == {"en": 2, "de": 1}
    assert any("expected.json" in r["source"] for r in status["rejected"])
    assert status["undated"] == 1


def test_search_filters_by_language_and_date(store):
    hits = last_json(tidings("search", "Peru", "--db", str(store), "--json"))
    assert len(hits) == 3
    english = last_json(tidings("search", "Peru", "--lang", "en", "--db", str(store), "--json"))
    assert {h["lang"] for h in english} == {"en"}
    dated = last_json(tidings("search", "Peru", "--since", "2024-11-15", "--until", "2024-11-15",
                              "--db", str(store), "--json"))
    assert len(dated) == 2
    assert all(h["published"].startswith("2024-11-15") for h in dated)
    assert last_json(tidings("search", "Gespräch", "--db", str(store), "--json"))[0]["lang"] == "de"


def test_show_prints_one_article_by_id_prefix(store):
    hit = last_json(tidings("search", "spokesperson", "--db", str(store), "--json"))[0]
    article = last_json(tidings("show", hit["id"][:8], "--db", str(store), "--json"))
    assert article["id"] == hit["id"]
    assert article["title"] == "China to further ties with Peru: spokesperson"
    missing = tidings("show", "doesnotexist", "--db", str(store), check=False)
    assert missing.returncode == 2
    assert "no article" in missing.stderr


def test_export_writes_jsonl_csv_and_parquet(store, tmp_path):
    import pyarrow.parquet as pq

    tidings("export", "--db", str(store), "--format", "jsonl", "--out", str(tmp_path / "a.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert len(rows) == 3 and all("sentences" in r for r in rows)
    tidings("export", "--db", str(store), "--format", "csv", "--out", str(tmp_path / "a.csv"))
    with open(tmp_path / "a.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert {r["dateline_place"] for r in table} == {"Beijing", ""}
    tidings("export", "--db", str(store), "--format", "parquet", "--out",
            str(tmp_path / "a.parquet"))
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 3


def test_commands_on_a_missing_store_say_what_to_do(tmp_path):
    done = tidings("status", "--db", str(tmp_path / "none.db"), check=False)
    assert done.returncode == 2
    assert "tidings ingest" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_analyse_of_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = tidings("analyse", str(path), "--json", check=False)
    assert done.returncode == 2
    assert "empty file" in done.stderr


def test_demo_ingests_the_bundled_corpus_and_prints_a_summary(tmp_path):
    done = tidings("demo", "--db", str(tmp_path / "demo.db"), "--no-serve")
    assert "tidings demo" in done.stdout
    assert "articles by month" in done.stdout
    assert "the biggest:" in done.stdout
    status = last_json(tidings("status", "--db", str(tmp_path / "demo.db"), "--json"))
    assert status["articles"] >= 40
    assert 0 < status["stories"] < status["articles"]
    assert set(status["by_lang"]) >= {"en", "de", "es", "fr", "zh"}
    assert status["rejected"] == []
