"""``tidings ingest --runner ray``: the same record as the local runner, a re-run that adds
nothing, a dead Ray actor costing only its article, and a wrong ``--ray-address`` told before
any work. Real Ray, no mocks: Ray listens on every interface, so every command that starts it
runs in a network namespace of its own (loopback only). Ray starts twice in this file."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run, tidings
from tidings.demo import demo_corpus
from tidings.run.pool import KILL_MARKER_ENV
from tidings.store import open_store

pytestmark = pytest.mark.slow

KILL = "KILL-THIS-WORKER"
EXPORTS = ("articles", "events", "stories", "storylines")
# When a row was written: the one thing two runs over the same inputs may not share.
STAMPED = re.compile(rb'"(ingested_at|updated_at)": ?"[^"]*"')


def tidings_alone(*args: str, env: dict[str, str] | None = None) -> dict:
    """``python -m tidings ARGS --json`` in a network namespace of its own (``unshare -n``,
    loopback up): Ray started there is reachable from nowhere else. Its JSON report."""
    command = shlex.join([sys.executable, "-m", "tidings", *args, "--json"])
    environ = {k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"}
    done = subprocess.run(["unshare", "-n", "sh", "-c", f"ip link set lo up && exec {command}"],
                          capture_output=True, text=True, env={**environ, **(env or {})},
                          check=False, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"tidings {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    """The demo corpus and a wire, ingested once by Ray (2 actors) and once by the local
    runner in one process; then Ray again (one actor, no stories) over the same inputs plus a
    wire whose third article kills the actor analysing it."""
    tmp = tmp_path_factory.mktemp("ray")
    inputs = [str(demo_corpus()), str(_wire(tmp / "wires" / "clean.jsonl"))]
    ray_db, local_db, again_db = tmp / "ray.db", tmp / "local.db", tmp / "again.db"
    first = tidings_alone("ingest", *inputs, "--db", str(ray_db), "--runner", "ray",
                          "--workers", "2")
    tidings("ingest", *inputs, "--db", str(local_db), "--workers", "1", "--json")
    shutil.copy(ray_db, again_db)
    poisoned = str(_wire(tmp / "poison" / "poisoned.jsonl", poisoned=2))
    again = tidings_alone("ingest", *inputs, poisoned, "--db", str(again_db), "--runner", "ray",
                          "--workers", "1", "--no-stories", env={KILL_MARKER_ENV: KILL})
    return {"tmp": tmp, "ray": ray_db, "local": local_db, "again": again_db,
            "first": first, "again_report": again}


def test_ray_runner_stores_the_same_record_as_the_local_runner(stores):
    first = stores["first"]
    assert first["added"] == first["articles_read"] > 40 and not first["rejected"]
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
        assert store.count() == stores["first"]["added"] + 4
        assert [r["code"] for r in store.rejects()] == ["T230"]


def test_an_unreachable_ray_address_fails_fast_naming_it(tmp_path):
    done = tidings("ingest", str(demo_corpus()), "--db", str(tmp_path / "x.db"),
                   "--runner", "ray", "--ray-address", "127.0.0.1:1", check=False)
    assert done.returncode == 2
    assert "127.0.0.1:1" in done.stderr and "ray start --head" in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_ray_address_without_the_ray_runner_is_refused(tmp_path):
    done = tidings("ingest", str(demo_corpus()), "--db", str(tmp_path / "x.db"),
                   "--ray-address", "127.0.0.1:6379", check=False)
    assert done.returncode == 2 and "--runner ray" in done.stderr
    assert not (tmp_path / "x.db").exists()
