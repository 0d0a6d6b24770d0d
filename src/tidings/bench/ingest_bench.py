"""``tidings bench``: ingest throughput and peak memory against a baseline, same run.

Each measurement runs in a fresh Python process so its peak resident memory is its own.
The baseline does the least any ingest must do (read each JSON line, parse it, insert the
text into an SQLite table); the ratio says what the full pipeline costs on top of that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.errors import InputError

CORPUS_NAME = "reuters21578_en.jsonl"


def find_shared_corpus(name: str = CORPUS_NAME) -> Path | None:
    """``shared/eval/corpora/<name>`` beside the project (or ``$TIDINGS_SHARED``)."""
    roots = [Path(os.environ["TIDINGS_SHARED"])] if os.environ.get("TIDINGS_SHARED") else []
    here = Path.cwd().resolve()
    roots += [parent / "shared" for parent in [here, *here.parents]]
    roots += [parent / "shared" for parent in Path(__file__).resolve().parents]
    for root in roots:
        candidate = root / "eval" / "corpora" / name
        if candidate.is_file():
            return candidate
    return None


def bench_corpus(corpus: Path | None = None) -> Path:
    """``corpus``, or the shared Reuters corpus; an ``InputError`` when there is none."""
    corpus = corpus or find_shared_corpus()
    if corpus is None or not corpus.is_file():
        raise InputError(
            f"no benchmark corpus found ({corpus or CORPUS_NAME})",
            hint="pass --corpus FILE.jsonl, or set TIDINGS_SHARED to the shared/ folder",
        )
    return corpus


_BASELINE = """
import json, resource, sqlite3, sys, time
src, db = sys.argv[1], sys.argv[2]
t = time.perf_counter()
conn = sqlite3.connect(db)
conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, title TEXT, text TEXT)")
n = 0
with open(src, encoding="utf-8") as f, conn:
    for line in f:
        r = json.loads(line)
        row = (r.get("id"), r.get("title"), r.get("text"))
        conn.execute("INSERT OR IGNORE INTO t VALUES (?, ?, ?)", row)
        n += 1
s = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"articles": n, "seconds": s, "peak_rss_mb": rss}))
"""

_TIDINGS = """
import json, resource, sys, time
from tidings.run import ingest
from tidings.pipeline import Pipeline
from tidings.store import open_store
src, db, last = sys.argv[1], sys.argv[2], sys.argv[3]
workers = int(sys.argv[4]) if len(sys.argv) > 4 else 1
runner = sys.argv[5] if len(sys.argv) > 5 else "local"
pipeline = Pipeline()
# The default pipeline up to and including stage `last` ("": none; "*": all of it).
names = [stage.name for stage in pipeline.stages]
if last not in ("", "*", *names):
    sys.exit(f"no stage {last!r} in the default pipeline ({', '.join(names)})")
if last != "*":
    pipeline.stages = pipeline.stages[: names.index(last) + 1 if last else 0]
t = time.perf_counter()
with open_store(db) as store:
    report = ingest([src], store, pipeline, workers=workers, runner=runner)
s = time.perf_counter() - t
print(json.dumps({"articles": report.added, "seconds": s, "rejects": len(report.rejects),
                  "stages": [stage.name for stage in pipeline.stages], "workers": workers,
                  "runner": runner,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb":
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _measure(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark step failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(corpus: Path | None = None, limit: int = 2000) -> list[dict[str, Any]]:
    """Rows ``{name, articles, seconds, articles_per_s, peak_rss_mb, x_baseline_time}``."""
    corpus = bench_corpus(corpus)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tidings-bench-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with open(corpus, encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
            for number, line in enumerate(src):
                if number >= limit:
                    break
                dst.write(line)
        # Each step runs the default pipeline up to a stage; the last runs all of it (events
        # and quotes included), once more in a pool of 2 worker processes, and once with the
        # Ray runner on 2 local actors (Ray's start and its actors' model loading included,
        # as the pool's start is in its row). A row is named after the stages its process
        # says it ran, so the difference of two rows is what the stages between them cost
        # (entities, events, and quotes against entities).
        steps = [
            (_BASELINE, ()),
            (_TIDINGS, ("",)),
            (_TIDINGS, ("sentences",)),
            (_TIDINGS, ("time",)),
            (_TIDINGS, ("entities",)),
            (_TIDINGS, ("events",)),
            (_TIDINGS, ("*",)),
            (_TIDINGS, ("*", "2")),
            (_TIDINGS, ("*", "2", "ray")),
        ]
        before: list[str] = []
        for index, (script, extra) in enumerate(steps):
            result = _measure(script, str(sample), str(Path(tmp) / f"{index}.db"), *extra)
            name = _step_name(result, every=extra[:1] == ("*",), before=before)
            if result.pop("runner", "local") == "ray":
                # Ray's actors are not this process's children: their memory is not seen here
                name = f"ingest: all stages, Ray runner, {result['workers']} local actors"
                result.pop("worker_rss_mb", None)
            elif result.get("workers", 1) > 1:
                name = f"ingest: all stages, {result['workers']} worker processes"
                result["worker_rss_mb"] = round(result["worker_rss_mb"], 1)
            else:
                result.pop("worker_rss_mb", None)
            rows.append({"name": name, **result})
            before = result.get("stages") or before
    base = rows[0]["seconds"] or 1e-9
    for row in rows:
        row["articles_per_s"] = round(row["articles"] / row["seconds"], 1) if row["seconds"] else 0
        row["x_baseline_time"] = round(row["seconds"] / base, 2)
        row["seconds"] = round(row["seconds"], 3)
        row["peak_rss_mb"] = round(row["peak_rss_mb"], 1)
    # the Ray runner against the local runner with as many workers, same texts, same run
    pool, ray = rows[-2], rows[-1]
    ray["x_local_runner_time"] = round(ray["seconds"] / (pool["seconds"] or 1e-9), 2)
    rows.extend(_stage_rows(corpus, limit))
    return rows


def _step_name(result: dict[str, Any], *, every: bool, before: Sequence[str] = ()) -> str:
    """A row's name from the stages its process ran beyond those of the row ``before`` it:
    ``ingest: + language + sentences`` or ``ingest: all 6 stages (+ entities + events)``; the
    baseline reports none."""
    stages = result.get("stages")
    if stages is None:
        return "baseline: json + sqlite insert"
    added = [stage for stage in stages if stage not in before]
    if every:
        return f"ingest: all {len(stages)} stages (+ {' + '.join(added) or 'none'})"
    return "ingest: " + (f"+ {' + '.join(added)}" if stages else "read + store")


def _sentences(corpus: Path, count: int) -> list[tuple[str, str]]:
    """``(lang, sentence)`` pairs from the start of a JSONL corpus."""
    from tidings.stages.sentences import split_sentences

    sentences: list[tuple[str, str]] = []
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text, lang = record.get("text", ""), record.get("lang") or "en"
            sentences += [(lang, text[s.start : s.end]) for s in split_sentences(text, lang)]
            if len(sentences) >= count:
                break
    return sentences[:count]


def _stage_rows(corpus: Path, limit: int) -> list[dict[str, Any]]:
    """The time stage against dateparser's search_dates, and the NER against plain spaCy
    small, on the same sentences in the same run."""
    from tidings.bench.time_bench import run as run_time_bench

    sentences = _sentences(corpus, min(limit, 2000))
    rows = run_time_bench(sentences)
    try:
        from tidings.bench.ner_bench import run as run_ner_bench
    except ImportError:  # the nlp extra is not installed
        return rows
    return rows + run_ner_bench(sentences[:1000])
