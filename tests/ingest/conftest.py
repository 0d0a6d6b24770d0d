"""Ingest test helpers: a real ingest into a real SQLite store, either in this process or as
the ``tidings`` command in a child process whose peak memory and run time are measured."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tidings.config import default_settings
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery
from tidings.run import IngestReport, ingest
from tidings.store import open_store

# A child that runs longer than this is taken to hang.
CHILD_TIMEOUT_S = 120
# A child whose resident memory passes this is killed at once: the test fails without
# taking the machine (and the tests beside it) down.
CHILD_KILL_RSS_MB = 2000


def tidings_command() -> list[str]:
    """The installed ``tidings`` console script of the interpreter running the tests."""
    script = Path(sys.executable).with_name("tidings")
    if script.exists():
        return [str(script)]
    found = shutil.which("tidings")
    if found is None:
        pytest.fail("the 'tidings' command is not installed: run 'make setup'")
    return [found]


@dataclass
class Stored:
    """What one ingest reported and what the store holds after it."""

    report: IngestReport
    articles: list[dict[str, Any]]
    rejects: list[dict[str, str]]

    def article(self, name: str) -> dict[str, Any]:
        """The one stored article whose source is ``name`` (a file name, maybe ``#line=N``)."""
        found = [a for a in self.articles if a["source"].endswith(name)]
        assert len(found) == 1, f"expected one article from {name}, found {len(found)}"
        return found[0]

    def reject(self, name: str) -> dict[str, str]:
        """The one stored reject whose source is ``name``."""
        found = [r for r in self.rejects if r["source"].endswith(name)]
        sources = [r["source"] for r in self.rejects]
        assert len(found) == 1, f"expected one reject for {name}, rejects are {sources}"
        return found[0]

    def sources(self) -> set[str]:
        return {Path(a["source"].split("#")[0]).name for a in self.articles}


@pytest.fixture
def ingest_into(pipeline: Pipeline) -> Callable[..., Stored]:
    """``ingest_into(paths, db, max_bytes=None, force=False)``: the real ingest service with
    the default pipeline, into a real SQLite store, and what the store holds afterwards."""

    def run(
        paths: Sequence[str | Path],
        db: Path,
        *,
        max_bytes: int | None = None,
        force: bool = False,
    ) -> Stored:
        used = pipeline
        if max_bytes is not None:
            defaults = default_settings()
            settings = dataclasses.replace(
                defaults, ingest=dataclasses.replace(defaults.ingest, max_bytes=max_bytes)
            )
            used = Pipeline(stages=pipeline.stages, settings=settings)
        with open_store(db) as store:
            report = ingest([str(p) for p in paths], store, used, force=force)
            return Stored(report, list(store.articles(ArticleQuery(limit=None))), store.rejects())

    return run


@dataclass
class ChildRun:
    """One ``tidings`` child process: exit status, output, peak memory and wall time."""

    rc: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    seconds: float

    def json(self) -> dict[str, Any]:
        assert self.rc == 0, f"tidings exited {self.rc}: {self.stderr[-2000:]}"
        return json.loads(self.stdout.strip().splitlines()[-1])

    def reject(self, name: str) -> dict[str, str]:
        """The one reject in the ``--json`` report whose source ends with ``name``."""
        rejects = self.json()["rejected"]
        found = [r for r in rejects if r["source"].endswith(name)]
        assert len(found) == 1, f"expected one reject for {name}, got {rejects}"
        return found[0]


def _run_tidings(
    args: Sequence[str | Path],
    *,
    cwd: Path,
    stdin: Path | None = None,
    timeout: float = CHILD_TIMEOUT_S,
) -> ChildRun:
    """Run ``tidings ARGS`` and measure the child's own peak RSS (``wait4``), failing the
    test if it runs past ``timeout`` seconds (a hang)."""
    env = {**os.environ, "TIDINGS_DEBUG": "1"}
    env.pop("TIDINGS_DB", None)
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        open(stdin if stdin else os.devnull, "rb") as source,
    ):
        started = time.monotonic()
        peak = 0.0
        proc = subprocess.Popen(
            [*tidings_command(), *map(str, args)],
            cwd=cwd,
            env=env,
            stdin=source,
            stdout=out,
            stderr=err,
        )
        while True:
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            too_slow = time.monotonic() - started > timeout
            # wait4's ru_maxrss would start from this (pytest) process's size at fork, which
            # is large once other tests loaded models: read the child's own high-water mark
            peak = max(peak, _rss_mb(proc.pid, "VmHWM"))
            too_big = _rss_mb(proc.pid) > CHILD_KILL_RSS_MB
            if too_slow or too_big:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                what = f"ran over {timeout} s" if too_slow else f"used over {CHILD_KILL_RSS_MB} MB"
                pytest.fail(f"tidings {' '.join(map(str, args))} {what}; killed")
            time.sleep(0.02)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            rc=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_rss_mb=peak,
            seconds=seconds,
        )


def _start_tidings(args: Sequence[str | Path], *, cwd: Path) -> subprocess.Popen:
    """``tidings ARGS`` started in the background; its output goes to files in ``cwd``."""
    env = {**os.environ, "TIDINGS_DEBUG": "1"}
    env.pop("TIDINGS_DB", None)
    with open(cwd / "tidings.out", "ab") as out, open(cwd / "tidings.err", "ab") as err:
        return subprocess.Popen(
            [*tidings_command(), *map(str, args)], cwd=cwd, env=env, stdout=out, stderr=err
        )


@pytest.fixture(scope="session")
def start_tidings() -> Callable[..., subprocess.Popen]:
    """``start_tidings(args, cwd=...)``: the ``tidings`` command running in the background."""
    return _start_tidings


def _rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a running process (Linux), 0 where it cannot be read. ``VmHWM``
    is its peak since it started its program."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@pytest.fixture(scope="session")
def tidings_cli() -> Callable[..., ChildRun]:
    """``tidings_cli(args, cwd=..., stdin=None, timeout=120)``: run the ``tidings`` command
    in a child process; see ``ChildRun``."""
    return _run_tidings


def _build_warc(pages: Sequence[str], *, compress: bool) -> tuple[bytes, list[int]]:
    """A WARC of one HTML response record per page, and the offset each record starts at."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    starts = []
    for number, page in enumerate(pages):
        starts.append(buffer.tell())
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://news.example.org/{number}",
            "response",
            payload=io.BytesIO(page.encode("utf-8")),
            http_headers=headers,
        )
        writer.write_record(record)
    return buffer.getvalue(), starts


@pytest.fixture(scope="session")
def build_warc() -> Callable[..., tuple[bytes, list[int]]]:
    """``build_warc(pages, compress=True)``: WARC bytes and the offset of every record."""
    return _build_warc


def news_page(number: int, *, lang: str = "en") -> str:
    """An HTML news page with enough body text for the extractor."""
    paragraphs = "".join(
        f"<p>Paragraph {p} of story {number}: the city council approved the budget for "
        f"schools and hospitals after a long debate, officials said.</p>"
        for p in range(4)
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Story {number}</title></head><body><article><h1>Story {number}</h1>"
        f"{paragraphs}</article></body></html>"
    )


@pytest.fixture(scope="session")
def page() -> Callable[..., str]:
    """``page(number)``: an HTML news page whose text mentions its number."""
    return news_page
