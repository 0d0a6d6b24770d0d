"""The process pool of ``tidings ingest --workers N``: the same record as one process, a dead
worker costing only its article, and a run stopped half-way going on as the local runner does.
Real worker processes (spawned), a real SQLite store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tidings.config import default_settings
from tidings.demo import demo_corpus
from tidings.export import export
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery, EventQuery
from tidings.run import ingest
from tidings.run.pool import KILL_MARKER_ENV
from tidings.store import open_store


def _pipeline(batch: int) -> Pipeline:
    settings = default_settings()
    return Pipeline(settings=replace(settings, ingest=replace(settings.ingest,
                                                              batch_size=batch)))


def _record(db: Path, tmp: Path) -> list[dict]:
    """Articles and events as exported, without the time they were stored."""
    rows = []
    with open_store(db, readonly=True) as store:
        for what, found in (("articles", store.articles(ArticleQuery(limit=None))),
                            ("events", store.events(EventQuery(limit=None)))):
            out = tmp / f"{db.stem}.{what}.jsonl"
            export(found, "jsonl", out, what=what)
            rows += [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        row.pop("ingested_at", None)
        (row.get("article") or {}).pop("ingested_at", None)
    return rows


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("pool")
    with open_store(tmp / "one.db") as store:
        ingest([str(demo_corpus())], store, _pipeline(8), workers=1)
    return tmp, tmp / "one.db"


def test_two_workers_store_the_same_record_as_one_process(one_process):
    tmp, one = one_process
    with open_store(tmp / "two.db") as store:
        report = ingest([str(demo_corpus())], store, _pipeline(8), workers=2)
    assert report.added == report.articles > 8  # several batches: the pool ran
    assert _record(tmp / "two.db", tmp) == _record(one, tmp)


def test_a_run_stopped_half_way_goes_on_to_the_same_record(one_process):
    tmp, one = one_process
    db = tmp / "stopped.db"
    written = []

    def stop_after_two(progress) -> None:
        written.append(progress.articles)
        if progress.articles >= 16:
            raise KeyboardInterrupt

    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest([str(demo_corpus())], store, _pipeline(8), workers=2,
               on_progress=stop_after_two)
    with open_store(db) as store:
        assert 0 < store.count() < 48
        ingest([str(demo_corpus())], store, _pipeline(8), workers=2)
    assert _record(db, tmp) == _record(one, tmp)


def test_a_worker_that_dies_costs_its_article_only(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(10):
        (folder / f"a{n}.txt").write_text(
            f"Report {n}\n\nThe ministers of Peru and Chile met in Lima on Monday, meeting {n}, "
            "to talk about ports, trade and the fishing season ahead.\n", encoding="utf-8")
    (folder / "a5.txt").write_text(
        "Poison\n\nThis text carries KILL-THIS-WORKER and its worker dies, as one the system "
        "kills for memory would.\n", encoding="utf-8")
    monkeypatch.setenv(KILL_MARKER_ENV, "KILL-THIS-WORKER")
    with open_store(tmp_path / "k.db") as store:
        report = ingest([str(folder)], store, _pipeline(3), workers=2)
        rejects = store.rejects()
        assert store.count() == 9
    assert [r.code for r in report.rejects] == ["T230"]
    assert report.articles == 9 and report.duplicates == 0
    assert [r["code"] for r in rejects] == ["T230"]
    assert rejects[0]["source"].endswith("a5.txt") and "worker" in rejects[0]["reason"]


def test_no_workers_is_refused_before_any_work(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tidings", "ingest", str(demo_corpus()),
                           "--db", str(tmp_path / "x.db"), "--workers", "0"],
                          capture_output=True, text=True, check=False,
                          env={k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"})
    assert done.returncode == 2 and "--workers" in done.stderr
    assert not (tmp_path / "x.db").exists()


_KILLED_RUN = """
import sys
from dataclasses import replace
from tidings.config import default_settings
from tidings.demo import demo_corpus
from tidings.pipeline import Pipeline
from tidings.run import ingest
from tidings.store import open_store
settings = default_settings()
pipeline = Pipeline(settings=replace(settings, ingest=replace(settings.ingest, batch_size=2)))
with open_store(sys.argv[1]) as store:
    ingest([str(demo_corpus())], store, pipeline, workers=2)
"""


def _workers_of(pid: int) -> set[int]:
    """The pool workers among the children of ``pid``."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline")
            if cmdline.exists() and b"spawn_main" in cmdline.read_bytes():
                found.add(int(child))
    return found


def _stored(db: Path) -> int:
    try:
        with open_store(db, readonly=True) as store:
            return store.count()
    except Exception:  # not made yet, or made this instant
        return 0


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has ended, whoever reaps it


def test_workers_end_when_their_run_is_killed_with_sigkill(tmp_path):
    import signal
    import time

    run = subprocess.Popen([sys.executable, "-c", _KILLED_RUN, str(tmp_path / "k.db")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and run.poll() is None and time.monotonic() < deadline:
            workers = _workers_of(run.pid)
            time.sleep(0.1)
        assert len(workers) == 2, "the pool did not start"
        while _stored(tmp_path / "k.db") < 6 and run.poll() is None:
            time.sleep(0.1)  # the workers have loaded their models and work
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 15
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(map(_alive, workers))
    finally:
        run.kill()
        run.wait()
        for pid in filter(_alive, workers):  # a failed test leaves nothing behind
            os.kill(pid, signal.SIGKILL)
