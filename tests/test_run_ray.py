"""``tidings ingest --runner ray``: the same record as the local runner (after a run killed
with -9 and started again), a re-run that adds nothing, a dead Ray actor costing only its
article, and a wrong ``--ray-address`` told before any work. Real Ray, no mocks: Ray listens
on every interface, so every command that starts it runs in a network namespace of its own
(loopback only). Ray starts three times in this file."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_helpers import run, tidings
from tidings.demo import demo_corpus
from tidings.errors import TidingsError
from tidings.run.pool import KILL_MARKER_ENV
from tidings.run.ray_runner import WINDOW_ENV
from tidings.store import open_store

pytestmark = pytest.mark.slow

KILL = "KILL-THIS-WORKER"
EXPORTS = ("articles", "events", "stories", "storylines")
# When a row was written: the one thing two runs over the same inputs may not share.
STAMPED = re.compile(rb'"(ingested_at|updated_at)": ?"[^"]*"')


def _alone(args: tuple[str, ...], env: dict[str, str] | None = None) -> list[str]:
    """``python -m tidings ARGS --json`` in a network namespace of its own (``unshare -n``,
    loopback up): Ray started there is reachable from nowhere else. ``exec`` all the way,
    so the command's process id is the driver's."""
    command = shlex.join([sys.executable, "-m", "tidings", *args, "--json"])
    return ["unshare", "-n", "sh", "-c", f"ip link set lo up && exec {command}"]


def _environ(env: dict[str, str] | None) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"}, **(env or {})}


def tidings_alone(*args: str, env: dict[str, str] | None = None) -> dict:
    """``tidings ARGS --json`` alone on its network (``_alone``); its JSON report."""
    done = subprocess.run(_alone(args), capture_output=True, text=True, env=_environ(env),
                          check=False, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"tidings {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def kill_when_stored(db: Path, articles: int, *args: str) -> int:
    """Start ``tidings ARGS`` alone on its network, ``kill -9`` it once ``db`` holds
    ``articles`` articles; the exit status (-9 when it was killed). Its windows hold 10
    articles, so the writes of one window are followed by the seconds the next takes to
    analyse: the kill lands between two windows, never after the last write."""
    driver = subprocess.Popen(_alone(args), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL,
                              env=_environ({WINDOW_ENV: str(articles)}))
    try:
        deadline = time.monotonic() + 240
        while driver.poll() is None and time.monotonic() < deadline:
            if db.exists() and _count(db) >= articles:
                driver.send_signal(signal.SIGKILL)
                break
            time.sleep(0.2)
        return driver.wait(timeout=60)
    finally:
        if driver.poll() is None:
            driver.kill()


def _count(db: Path) -> int:
    try:
        with open_store(db, readonly=True) as store:
            return store.count()
    except TidingsError:  # not created or migrated yet
        return 0


def _wire(path: Path, poisoned: int | None = None) -> Path:
    """A JSONL wire of five articles (one batch); article ``poisoned`` kills its worker."""
    lines = []
    for n in range(5):
        text = (f"The presidents of Brazil and Argentina met in Buenos Aires on Tuesday, round "
                f"{n} of the {path.stem} talks, on grain exports and river tolls.")
        lines.append(json.dumps({"id": f"{path.stem}-{n}", "title": f"Wire {n}", "lang": "en",
                                 "text": text + (f" {KILL}" if n == poisoned else "")}))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _copy(db: Path, to: Path) -> None:
    """A copy of the store at ``db``, with what its write-ahead log holds (a copy of the file
    alone may miss the last transactions)."""
    source, target = sqlite3.connect(db), sqlite3.connect(to)
    with target:
        source.backup(target)
    source.close()
    target.close()


def _exported(db: Path, tmp: Path) -> dict[str, bytes]:
    """Every export of a store as bytes, the times rows were written blanked out."""
    found = {}
    for what in EXPORTS:
        out = tmp / f"{db.stem}.{what}.jsonl"
        run("export", "--db", str(db), "--what", what, "--out", str(out))
        found[what] = STAMPED.sub(rb'"\1": ""', out.read_bytes())
    return found


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict:
    """The demo corpus and a wire, ingested by Ray (2 actors: killed with -9 after 10
    articles, then run again to the end) and by the local runner in one process; then Ray
    again (one actor, no stories) over the same inputs plus a wire whose third article kills
    the actor analysing it. Ray starts three times, the first briefly."""
    tmp = tmp_path_factory.mktemp("ray")
    inputs = [str(demo_corpus()), str(_wire(tmp / "wires" / "clean.jsonl"))]
    ray_db, local_db, again_db = tmp / "ray.db", tmp / "local.db", tmp / "again.db"
    ray_args = ("ingest", *inputs, "--db", str(ray_db), "--runner", "ray", "--workers", "2")
    killed = kill_when_stored(ray_db, 10, *ray_args)
    first = tidings_alone(*ray_args)  # goes on where the killed run stopped
    tidings("ingest", *inputs, "--db", str(local_db), "--workers", "1", "--json")
    _copy(ray_db, again_db)
    poisoned = str(_wire(tmp / "poison" / "poisoned.jsonl", poisoned=2))
    again = tidings_alone("ingest", *inputs, poisoned, "--db", str(again_db), "--runner", "ray",
                          "--workers", "1", "--no-stories", env={KILL_MARKER_ENV: KILL})
    return {"tmp": tmp, "ray": ray_db, "local": local_db, "again": again_db,
            "killed": killed, "first": first, "again_report": again}


def test_ray_runner_killed_and_run_again_stores_the_same_record_as_the_local_runner(stores):
    first = stores["first"]
    assert stores["killed"] == -signal.SIGKILL  # stopped half-way by kill -9
    # went on from there: the killed run had stored some of the articles (writes come in a
    # burst after each window is analysed, so the kill lands after 10 or more of them)
    assert first["skipped_unchanged"] > 0 and 0 < first["added"] < _count(stores["local"])
    assert not first["rejected"]
    ray, local = _exported(stores["ray"], stores["tmp"]), _exported(stores["local"], stores["tmp"])
    assert all(ray[what] for what in ("articles", "events", "stories"))
    for what in EXPORTS:
        assert ray[what] == local[what], f"the {what} exports differ"


def test_a_second_ray_run_skips_what_is_stored_and_adds_only_new_inputs(stores):
    again = stores["again_report"]
    assert again["skipped_unchanged"] == stores["first"]["files"]  # all the first run read
    assert again["added"] == again["articles_read"] == 4  # the new wire, less its poison


def test_an_actor_that_dies_costs_its_article_only(stores):
    again = stores["again_report"]
    assert [r["code"] for r in again["rejected"]] == ["T230"]
    assert again["rejected"][0]["source"].endswith("poisoned.jsonl#line=3")
    assert "worker" in again["rejected"][0]["reason"]
    with open_store(stores["again"], readonly=True) as store:
        assert store.count() == _count(stores["ray"]) + 4
        assert [r["code"] for r in store.rejects()] == ["T230"]


def test_an_unreachable_ray_address_fails_fast_naming_it(tmp_path):
    started = time.monotonic()
    done = tidings("ingest", str(demo_corpus()), "--db", str(tmp_path / "x.db"),
                   "--runner", "ray", "--ray-address", "127.0.0.1:1", check=False)
    assert done.returncode == 2 and time.monotonic() - started < 20  # no Ray, no retries
    assert "127.0.0.1:1" in done.stderr and "ray start --head" in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_ray_address_without_the_ray_runner_is_refused(tmp_path):
    done = tidings("ingest", str(demo_corpus()), "--db", str(tmp_path / "x.db"),
                   "--ray-address", "127.0.0.1:6379", check=False)
    assert done.returncode == 2 and "--runner ray" in done.stderr
    assert not (tmp_path / "x.db").exists()
