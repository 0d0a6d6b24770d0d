"""``tidings bench serve``: latency of the web app (``tidings serve``) under a bounded load,
as ratios against the server's own floor measured in the same run.

The store: the first ``size`` distinct Reuters-21578 wires (real text), ingested by the whole
default pipeline (``tidings.run.ingest``) and put into stories (``service.update_stories``,
which also stores the vectors that semantic search reads). Built once, it is kept in a cache
folder (``$XDG_CACHE_HOME/tidings/bench``, or ``work``) under a key of what went into it (the
wires, the stage versions, the tidings version), and a later run with the same key reuses it:
20,000 wires took 48 minutes to build on two shared cores (ingest 16, stories 32), so a new
stage version costs that once. The store is never thinned to save time: the figures are those
of a store of real analysed articles, and the report says what it held.

The server: uvicorn in a child process on 127.0.0.1 and a free port, one worker, as
``tidings serve`` runs it. The load: a second process sends a planned, shuffled mix of
requests (search by words and by meaning, the search page, article JSON and pages, events by
type and actor, the events page) over ``concurrency`` keep-alive connections, each sending
its next request when the last is answered, until the plan or ``duration`` runs out. Every
kind is sent once before the clock starts (``first_ms``: model loads, the vector index, cold
caches). The floor is ``GET /static/style.css`` (no store, no template): alone, 50 times over
one connection before the load (``floor (idle)``), and interleaved with the rest so that it
sees the same load (``floor``); ``x_floor`` is a kind's percentile over the latter's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tidings.bench.ingest_bench import bench_corpus
from tidings.errors import InputError

SIZE = 20_000
REQUESTS = 3_000
CONCURRENCY = 4
DURATION = 300.0
TIME_LIMIT = 5.0
# Issue #15: p99 under this for search and article pages.
GOAL_MS = 100.0
# Share of the requests of each kind; the group is the kind's first word.
WEIGHTS = {
    "floor": 10,
    "search text": 20, "search semantic": 5, "search page": 10,
    "article json": 15, "article page": 15,
    "events type": 10, "events actor": 10, "events page": 5,
}
GROUPS = ("search", "article", "events")

Log = Callable[[str], None]


def cache_root() -> Path:
    """Where built stores are kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tidings" / "bench"


def _select(corpus: Path, size: int, min_chars: int) -> list[str]:
    """The first ``size`` JSONL lines of ``corpus`` with distinct bodies of ``min_chars``+."""
    lines: list[str] = []
    seen: set[str] = set()
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            text = (json.loads(line).get("text") or "").strip()
            if len(text) >= min_chars and text not in seen:
                seen.add(text)
                lines.append(line if line.endswith("\n") else line + "\n")
                if len(lines) == size:
                    return lines
    raise InputError(f"{corpus} holds {len(lines):,} distinct wires, fewer than {size:,}",
                     hint="ask for a smaller --size")


def build_store(corpus: Path, size: int, work: Path | None = None,
                log: Log | None = None) -> tuple[Path, dict[str, Any]]:
    """The store of ``size`` wires of ``corpus`` (built, or found in the cache) and what it
    holds: ``{articles, events, entities, stories, vectors, pipeline, build_s, reused, ...}``."""
    from tidings import __version__, service
    from tidings.corpus.dedup import DedupStage
    from tidings.corpus.stories import StoryStage
    from tidings.pipeline import Pipeline
    from tidings.run import ingest
    from tidings.store import open_store

    say = log or (lambda _message: None)
    pipeline = Pipeline()
    lines = _select(corpus, size, pipeline.settings.ingest.min_chars)
    recipe = {"size": size, "tidings": __version__, "stages": pipeline.versions,
              "corpus": [DedupStage.version, StoryStage.version]}
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode())
    for line in lines:
        digest.update(line.encode())
    root = Path(work) if work else cache_root()
    home = root / f"serve-{size}-{digest.hexdigest()[:16]}"
    if (home / "build.json").is_file():
        info = json.loads((home / "build.json").read_text("utf-8"))
        with open_store(home / "store.db"):  # migrations added since it was built
            pass
        say(f"store: reusing {home} (built in {info['build_s']:,.0f} s)")
        return home / "store.db", {**info, "reused": True, "path": str(home / "store.db")}
    root.mkdir(parents=True, exist_ok=True)
    part = Path(tempfile.mkdtemp(prefix=f"{home.name}.part-", dir=root))
    try:
        sample = part / "wires.jsonl"
        sample.write_text("".join(lines), encoding="utf-8")
        db = part / "store.db"
        say(f"store: analysing {size:,} wires with the whole pipeline "
            f"({', '.join(pipeline.versions)}) into {home}")
        started = time.perf_counter()
        shown = [0]

        def ingested(progress: Any) -> None:
            if progress.articles - shown[0] >= 2000:
                shown[0] = progress.articles
                say(f"  ingest: {progress.articles:,}/{size:,} "
                    f"({time.perf_counter() - started:,.0f} s)")

        with open_store(db) as store:
            report = ingest([str(sample)], store, pipeline, on_progress=ingested)
            ingest_s = time.perf_counter() - started
            say(f"  ingest: {report.added:,} articles in {ingest_s:,.0f} s; stories next")
            stories = _stories(service, store, pipeline, say)
            status = store.status()
            vectors = store.corpus.vector_count()[0]
        info = {
            "wires": size, "articles": status["articles"], "rejected": len(report.rejects),
            "entities": status["entities"], "events": status["events"],
            "stories": status["stories"], "vectors": vectors,
            "pipeline": "whole default pipeline: " + ", ".join(pipeline.versions.values()),
            "stories_update": stories, "ingest_s": round(ingest_s, 1),
            "build_s": round(time.perf_counter() - started, 1),
            "built": time.strftime("%Y-%m-%d %H:%M"), "key": home.name,
        }
        (part / "build.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
        with contextlib.suppress(OSError):  # another run built the same store first
            part.rename(home)
    finally:
        shutil.rmtree(part, ignore_errors=True)
    say(f"store: built in {info['build_s']:,.0f} s")
    return home / "store.db", {**info, "reused": False, "path": str(home / "store.db")}


def _stories(service: Any, store: Any, pipeline: Any, say: Log) -> str:
    """Run the corpus stages; what happened, as a line (skipped, with why, if they fail)."""
    from tidings.errors import TidingsError

    started = time.perf_counter()

    def told(done: int, total: int) -> None:
        if done % 2000 < 200 or done == total:
            say(f"  stories: {done:,}/{total:,} ({time.perf_counter() - started:,.0f} s)")

    try:
        report = service.update_stories(store, pipeline.settings, on_progress=told)
    except (TidingsError, ImportError) as exc:  # e.g. no encoder: semantic search is left out
        return f"skipped: {type(exc).__name__}: {exc}"
    return f"{report.articles:,} articles in {report.seconds:,.0f} s"


# as 'tidings serve' runs it, except that the encoder and the vector index are loaded before
# the server listens (tidings serve loads them in a thread beside it): the load measures a
# server that is ready, not its first seconds
_SERVER = """
import sys
import uvicorn
from tidings.corpus.search import warm
from tidings.serve import create_app
app = create_app(sys.argv[1], time_limit=float(sys.argv[3]))
warm(sys.argv[1])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
            access_log=False, server_header=False)
"""


@contextmanager
def serving(db: Path, time_limit: float = TIME_LIMIT,
            start_timeout: float = 120.0) -> Iterator[int]:
    """``tidings serve`` over ``db`` in a child process; yields its port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER, str(db), str(port), str(time_limit)],
            stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + start_timeout
            while not _answers(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    output.seek(0)
                    tail = output.read().decode("utf-8", "replace")[-2000:]
                    raise RuntimeError(f"the server over {db} did not start:\n{tail}")
                time.sleep(0.1)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _answers(port: int) -> bool:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/static/style.css")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _targets(db: Path) -> dict[str, Any]:
    """What the requests ask for, read from the store before the load: article ids and
    titles, words of the titles (as often as they occur), event types and actors."""
    from tidings import service
    from tidings.queries import ArticleQuery, EntityQuery, EventQuery
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        hits = service.search(store, ArticleQuery.parse(None, limit=None))
        actors = [e["id"] for e in service.entities(store, EntityQuery.parse(limit=200))]
        types = [e["type"] for e in service.events(store, EventQuery.parse(limit=5000))]
        vectors = store.corpus.vector_count()[0]
    titles = [" ".join(re.sub(r"[^\w\s'-]", " ", h.get("title") or "").lower().split())
              for h in hits]
    words = [w for t in titles for w in re.findall(r"[a-z]{4,}", t)]
    return {"ids": [h["id"] for h in hits], "titles": [t for t in titles if t] or ["news"],
            "words": words or ["news"], "actors": actors or ["USA"],
            "types": types or ["AGREE"], "semantic": vectors > 0}


def _path(kind: str, t: dict[str, Any], rng: random.Random) -> str:
    words = " ".join(rng.choice(t["words"]) for _ in range(rng.choice((1, 1, 2))))
    ident = rng.choice(t["ids"])
    return {
        "floor": lambda: "/static/style.css",
        "search text": lambda: "/api/articles?" + urlencode({"q": words}),
        "search semantic": lambda: "/api/articles?" + urlencode(
            {"q": rng.choice(t["titles"]), "mode": "semantic"}),
        "search page": lambda: "/?" + urlencode({"q": words}),
        "article json": lambda: f"/api/articles/{ident}",
        "article page": lambda: f"/articles/{ident}",
        "events type": lambda: "/api/events?" + urlencode({"type": rng.choice(t["types"])}),
        "events actor": lambda: "/api/events?" + urlencode({"actor": rng.choice(t["actors"])}),
        "events page": lambda: "/events?" + urlencode({"actor": rng.choice(t["actors"])}),
    }[kind]()


def plan(targets: dict[str, Any], requests: int, seed: int = 15) -> list[tuple[str, str]]:
    """``(kind, path)`` pairs in the shares of ``WEIGHTS`` (each kind at least once),
    shuffled; no semantic search when the store holds no vectors."""
    rng = random.Random(seed)
    kinds = {k: w for k, w in WEIGHTS.items() if targets["semantic"] or k != "search semantic"}
    total = sum(kinds.values())
    planned = [(kind, _path(kind, targets, rng)) for kind, weight in kinds.items()
               for _ in range(max(1, round(requests * weight / total)))]
    rng.shuffle(planned)
    return planned


_LOAD = """
import json, sys
from tidings.bench.serve_bench import fire
job = json.load(sys.stdin)
first = fire(job["port"], job["first"], 1, job["duration"])
idle = fire(job["port"], [["floor (idle)", "/static/style.css"]] * 50, 1, job["duration"])
timed = fire(job["port"], job["plan"], job["concurrency"], job["duration"])
print(json.dumps({"first": first, "idle": idle, "timed": timed}))
"""


def fire(port: int, planned: list[list[str]], concurrency: int,
         duration: float) -> dict[str, Any]:
    """Send ``planned`` ``(kind, path)`` requests to 127.0.0.1:``port`` over ``concurrency``
    keep-alive connections (closed loop), stopping early after ``duration`` seconds.
    ``{samples: [[kind, status, ms]], errors: [...], seconds}``; status 0: no answer."""
    import http.client
    import threading

    samples: list[tuple[str, int, float]] = []
    errors: list[dict[str, Any]] = []
    lock = threading.Lock()
    queue = iter(planned)
    started = time.perf_counter()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() - started < duration:
            with lock:
                item = next(queue, None)
            if item is None:
                break
            kind, path = item
            sent = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body, status = response.read(), response.status
            except (OSError, http.client.HTTPException) as exc:
                connection.close()  # the next request opens a new connection
                body, status = f"{type(exc).__name__}: {exc}".encode(), 0
            ms = (time.perf_counter() - sent) * 1000
            with lock:
                samples.append((kind, status, round(ms, 3)))
                if not 200 <= status < 300 and len(errors) < 20:
                    errors.append({"kind": kind, "path": path, "status": status,
                                   "body": body[:300].decode("utf-8", "replace")})
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(max(1, concurrency))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"samples": samples, "errors": errors, "seconds": time.perf_counter() - started}


def _row(kind: str, samples: list[tuple[str, int, float]], first: float | None,
         floor: dict[str, Any] | None) -> dict[str, Any]:
    import numpy as np

    ms = [s[2] for s in samples]
    p50, p95, p99 = (round(float(v), 2) for v in np.percentile(ms, [50, 95, 99]))
    row: dict[str, Any] = {"kind": kind, "requests": len(ms),
                           "errors": sum(1 for s in samples if not 200 <= s[1] < 300),
                           "p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
                           "max_ms": round(max(ms), 2), "first_ms": first}
    if floor:
        row["x_floor_p50"] = round(p50 / (floor["p50_ms"] or 1e-9), 1)
        row["x_floor_p99"] = round(p99 / (floor["p99_ms"] or 1e-9), 1)
    return row


def summarise(first: dict[str, Any], idle: dict[str, Any],
              timed: dict[str, Any]) -> list[dict[str, Any]]:
    """The floor alone (``floor (idle)``: one connection, nothing else asked), then under the
    load one row per kind and one per group (``search (all)``): count, errors, p50/p95/p99,
    max, the first (cold) latency, and the ratios to the floor under the same load."""
    by_kind: dict[str, list[tuple[str, int, float]]] = {}
    for sample in timed["samples"]:
        by_kind.setdefault(sample[0], []).append(tuple(sample))  # type: ignore[arg-type]
    cold = {s[0]: s[2] for s in first["samples"]}
    floor = _row("floor", by_kind["floor"], cold.get("floor"), None) if "floor" in by_kind \
        else None
    rows = [_row("floor (idle)", [tuple(x) for x in idle["samples"]], None,  # type: ignore[misc]
                 None)] if idle["samples"] else []
    rows += [floor] if floor else []
    rows += [_row(k, by_kind[k], cold.get(k), floor) for k in WEIGHTS
             if k in by_kind and k != "floor"]
    for group in GROUPS:
        mine = [s for k, found in by_kind.items() if k.split()[0] == group for s in found]
        if mine:
            rows.append(_row(f"{group} (all)", mine, None, floor))
    return rows


def run(corpus: Path | None = None, size: int = SIZE, requests: int = REQUESTS,
        concurrency: int = CONCURRENCY, duration: float = DURATION,
        work: Path | None = None, log: Log | None = None) -> dict[str, Any]:
    """Build (or reuse) the store, serve it, load it; ``{store, load, rows, goal, errors}``."""
    corpus = bench_corpus(corpus)
    say = log or (lambda _message: None)
    db, store = build_store(corpus, size, work, say)
    targets = _targets(db)
    planned = plan(targets, requests)
    first = [[kind, _path(kind, targets, random.Random(kind))] for kind in dict(planned)]
    say(f"load: {len(planned):,} requests over {concurrency} connections "
        f"(at most {duration:,.0f} s)")
    with serving(db) as port:
        job = {"port": port, "first": first, "plan": planned, "concurrency": concurrency,
               "duration": duration}
        done = subprocess.run([sys.executable, "-c", _LOAD], input=json.dumps(job),
                              capture_output=True, text=True, timeout=2 * duration + 300,
                              check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the load process failed:\n{done.stderr[-2000:]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    timed = answer["timed"]
    rows = summarise(answer["first"], answer["idle"], timed)
    sent, seconds = len(timed["samples"]), timed["seconds"]
    failed = [s for phase in answer.values() for s in phase["samples"] if not 200 <= s[1] < 300]
    p99 = {r["kind"].split()[0]: r["p99_ms"] for r in rows if r["kind"].endswith("(all)")}
    return {
        "store": store,
        "load": {"planned": len(planned), "sent": sent, "concurrency": concurrency,
                 "seconds": round(seconds, 2), "requests_per_s": round(sent / seconds, 1),
                 "errors": len(failed),
                 "stopped": "duration" if sent < len(planned) else "plan",
                 "server": f"uvicorn, 1 worker, 127.0.0.1, time limit {TIME_LIMIT:g} s",
                 "cpus": os.cpu_count()},
        "rows": rows,
        "goal": {"p99_under_ms": GOAL_MS, "search_p99_ms": p99.get("search"),
                 "article_p99_ms": p99.get("article"),
                 "met": all((p99.get(g) or 0) < GOAL_MS for g in ("search", "article"))},
        "errors": [e for phase in answer.values() for e in phase["errors"]],
    }


def print_report(console: Any, result: dict[str, Any]) -> None:
    """The rows as a table, with what the store held, the load and the goal below it."""
    from rich.table import Table

    table = Table(title="tidings bench serve (x floor: over GET /static/style.css, same run)")
    columns = [("kind", "kind"), ("requests", "n"), ("errors", "errors"), ("p50_ms", "p50 ms"),
               ("p95_ms", "p95 ms"), ("p99_ms", "p99 ms"), ("max_ms", "max ms"),
               ("first_ms", "first ms"), ("x_floor_p50", "x floor p50"),
               ("x_floor_p99", "x floor p99")]
    for key, label in columns:
        table.add_column(label, justify="left" if key == "kind" else "right", no_wrap=True)
    for row in result["rows"]:
        table.add_row(*("" if row.get(k) is None else str(row[k]) for k, _ in columns))
    console.print(table)
    s, load, goal = result["store"], result["load"], result["goal"]
    console.print(
        f"store: {s['articles']:,} articles ({s['wires']:,} Reuters-21578 wires, "
        f"{s['rejected']} rejected), {s['entities']:,} entities, {s['events']:,} events, "
        f"{s['stories']:,} stories, {s['vectors']:,} vectors; {s['pipeline']}; stories "
        f"update: {s['stories_update']}; built in {s['build_s']:,.0f} s"
        f"{' (reused from the cache)' if s['reused'] else ''}\n"
        f"load: {load['sent']:,} of {load['planned']:,} requests in {load['seconds']} s, "
        f"{load['concurrency']} connections, {load['requests_per_s']} requests/s, "
        f"{load['errors']} errors; server: {load['server']}; {load['cpus']} CPUs\n"
        f"goal (p99 < {goal['p99_under_ms']:g} ms, search and article): search "
        f"{goal['search_p99_ms']} ms, article {goal['article_p99_ms']} ms: "
        f"{'met' if goal['met'] else 'NOT met'}", highlight=False)
    for error in result["errors"][:5]:
        console.print(f"error: {error['status']} {error['kind']} {error['path']}: "
                      f"{error['body'][:160]}", highlight=False, markup=False)
