"""Re-ingesting adds nothing; an ingest killed with SIGKILL and run again ends exactly like a
clean run; readers keep working while a writer runs."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tidings.queries import ArticleQuery
from tidings.store import open_store

# The corpus a run is killed in: wire articles in one JSONL file (two lines of it broken)
# and local text files (one more empty). Enough for several commits of ``batch_size``.
WIRE_LINES = 1500
LOCAL_FILES = 50
STORED = WIRE_LINES - 2 + LOCAL_FILES
# A run over the corpus past this is taken to hang.
RUN_TIMEOUT_S = 300

SUBJECTS = ("council", "ministry", "court", "union", "airport", "hospital", "port", "school")
VERBS = ("approved", "rejected", "delayed", "announced", "reviewed", "funded")
OBJECTS = ("budget", "plan", "contract", "merger", "strike", "reform", "bridge", "tariff")


def _story(number: int) -> str:
    """A short article whose text is unique to ``number``."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    verb = VERBS[number // len(SUBJECTS) % len(VERBS)]
    thing = OBJECTS[number // (len(SUBJECTS) * len(VERBS)) % len(OBJECTS)]
    return (
        f"The {subject} {verb} the {thing} number {number} after a long debate. "
        f"Officials said case {number} would be reviewed again by the regional office."
    )


def _write_corpus(folder: Path, lines: int, files: int) -> tuple[Path, Path]:
    """A JSONL file of ``lines`` articles (two lines broken) and a folder of ``files`` text
    files (one of them empty): inputs with both articles and rejects."""
    jsonl = folder / "wire.jsonl"
    with open(jsonl, "w", encoding="utf-8") as out:
        for number in range(lines):
            if number in (10, lines // 2):
                out.write('{"title": "broken line", "text": \n')
                continue
            record = {"id": f"w{number}", "title": f"Wire {number}", "text": _story(number)}
            out.write(json.dumps(record) + "\n")
    texts = folder / "texts"
    texts.mkdir()
    for number in range(files):
        body = f"Title: Local {number}\nDate: 2024-11-{number % 28 + 1:02d}\n\n"
        (texts / f"local_{number:03d}.txt").write_text(body + _story(100_000 + number))
    (texts / "empty.txt").write_text("")
    return jsonl, texts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """The wire JSONL file and the folder of local text files."""
    return _write_corpus(tmp_path_factory.mktemp("corpus"), lines=WIRE_LINES, files=LOCAL_FILES)


def _snapshot(db: Path) -> dict:
    """What a store holds, read through a read-only connection."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rejects = conn.execute("SELECT source, reason FROM rejects").fetchall()
        return {
            "ids": {row[0] for row in conn.execute("SELECT id FROM articles")},
            "count": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "fts": conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
            "rejects": sorted(rejects),
            "sources": conn.execute("SELECT count(*) FROM sources").fetchone()[0],
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
        }
    finally:
        conn.close()


def _count_articles(db: Path) -> int:
    """Articles committed so far, or 0 while the store is not there yet."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is still being created
        return 0


def test_reingesting_the_same_folder_adds_nothing(tmp_path, ingest_into, build_warc, page):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(5):
        (folder / f"story_{number}.txt").write_text(f"Title: Story {number}\n\n{_story(number)}")
    (folder / "wire.jsonl").write_text(
        "\n".join(json.dumps({"title": f"W{n}", "text": _story(50 + n)}) for n in range(20))
        + "\n{broken\n"
    )
    (folder / "page.html").write_text(page(7))
    (folder / "crawl.warc.gz").write_bytes(build_warc([page(8), page(9)], compress=True)[0])
    (folder / "empty.txt").write_text("")
    db = tmp_path / "t.db"

    first = ingest_into([folder], db)
    again = ingest_into([folder], db)
    forced = ingest_into([folder], db, force=True)
    for path in folder.iterdir():  # touched: same content, new modification time
        path.touch()
    touched = ingest_into([folder], db)

    assert first.report.added == len(first.articles) == 5 + 20 + 1 + 2
    assert again.report.added == 0 and again.report.skipped == again.report.files == 9
    assert again.articles == first.articles
    assert forced.report.skipped == 0
    assert forced.report.articles == first.report.articles and forced.report.added == 0
    assert touched.report.skipped == 0 and touched.report.added == 0
    assert again.rejects == first.rejects  # not even read again
    for run in (forced, touched):  # read again: the same rejects, with a new time
        assert [a["id"] for a in run.articles] == [a["id"] for a in first.articles]
        assert _without_time(run.rejects) == _without_time(first.rejects)
    assert len(first.rejects) == 2  # the broken JSON line and the empty file


def _without_time(rejects: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(r["source"], r["reason"]) for r in rejects]


@pytest.mark.slow
def test_force_flag_rereads_files_and_still_adds_nothing(tmp_path, ingest_into, tidings_cli):
    jsonl, texts = _write_corpus(tmp_path, lines=40, files=5)
    db = tmp_path / "t.db"
    first = ingest_into([jsonl, texts], db)

    forced = tidings_cli(["ingest", jsonl, texts, "--db", db, "--force", "--json"], cwd=tmp_path)

    report = forced.json()
    assert first.report.added == 38 + 5
    assert report["skipped_unchanged"] == 0 and report["articles_read"] == first.report.articles
    assert report["added"] == 0 and report["articles_in_store"] == first.report.added
    assert _snapshot(db)["rejects"] == sorted(_without_time(first.rejects))


def _wait_for_first_commit(writer, db: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _count_articles(db) == 0:
        assert writer.poll() is None, "the ingest ended before a commit was seen"
        assert time.monotonic() < deadline, f"no commit within {timeout} s"
        time.sleep(0.02)


class CleanRun:
    """A clean ``tidings ingest`` of the corpus, running in the background: the writer that
    readers query while it runs, and the reference a killed-and-resumed run must equal."""

    def __init__(self, proc, db: Path) -> None:
        self.proc, self.db = proc, db

    def finish(self) -> dict:
        """Wait for the run to end; what the store then holds."""
        assert self.proc.wait(timeout=RUN_TIMEOUT_S) == 0, "the clean ingest failed"
        return _snapshot(self.db)


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory, start_tidings):
    folder = tmp_path_factory.mktemp("clean")
    db = folder / "clean.db"
    proc = start_tidings(["ingest", *corpus, "--db", db, "--json"], cwd=folder)
    yield CleanRun(proc, db)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_readers_query_the_store_while_a_writer_runs(clean_run, tidings_cli):
    writer, db = clean_run.proc, clean_run.db
    _wait_for_first_commit(writer, db)

    status = tidings_cli(["status", "--db", db, "--json"], cwd=db.parent)
    status_during_write = writer.poll() is None
    with open_store(db, readonly=True) as store:
        hits = store.search(ArticleQuery.parse("council", limit=5))
        counts = []
        while writer.poll() is None and len(counts) < 100:
            counts.append(store.count())
            time.sleep(0.02)

    assert status_during_write, "the writer finished before the reader ran: make it longer"
    assert status.rc == 0 and 0 < status.json()["articles"] < STORED
    assert hits and all("council" in hit["snippet"].lower() for hit in hits)
    assert counts == sorted(counts) and counts[-1] < STORED
    # the writer goes on undisturbed: the test below waits for it and checks what it stored
    assert writer.poll() in (None, 0)


@pytest.mark.slow
def test_an_ingest_killed_half_way_and_run_again_ends_like_a_clean_run(
    tmp_path, corpus, clean_run, start_tidings, tidings_cli
):
    inputs = list(corpus)
    killed_db = tmp_path / "killed.db"
    writer = start_tidings(["ingest", *inputs, "--db", killed_db, "--json"], cwd=tmp_path)
    try:
        _wait_for_first_commit(writer, killed_db)
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    at_kill = _snapshot(killed_db)
    resumed = tidings_cli(
        ["ingest", *inputs, "--db", killed_db, "--json"], cwd=tmp_path, timeout=RUN_TIMEOUT_S
    )
    expected = clean_run.finish()
    after = _snapshot(killed_db)

    assert at_kill["integrity"] == "ok"
    assert 0 < at_kill["count"] < expected["count"] == STORED, "killed after the last commit"
    assert after["integrity"] == expected["integrity"] == "ok"
    assert after["ids"] == expected["ids"]
    assert after["count"] == after["fts"] == expected["count"]
    assert after["rejects"] == expected["rejects"]
    assert len(set(after["rejects"])) == len(after["rejects"]) == 3
    assert after["sources"] == expected["sources"]
    assert resumed.json()["added"] == expected["count"] - at_kill["count"]
