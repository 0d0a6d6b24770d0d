"""Time the event stage per sentence: with the parse, without it, and (``--against REV``)
the stage of another commit, all in one run, on the same analysed articles.

    .venv/bin/python eval/events/speed.py [--corpus FILE.jsonl] [--limit 300] [--rounds 3]
                                          [--against b127d9d] [--profile out.prof]

The articles (default: the first 300 of the Reuters corpus ``tidings bench`` reads) are
analysed up to the entity stage once and pickled; then each variant runs in its own fresh
process, in turn, ``--rounds`` times: it codes all articles once to load its models and
fill its caches, then times ``EventStage().pipe`` over them three times (CPU seconds of the
process, which other work on a shared machine disturbs less than wall time). The best time
of each variant is reported, with the ratios to the others. ``--against REV`` extracts
``src/`` of that commit (``git archive``) and runs its event stage on the same articles:
issue 12's bar is the stage's time per sentence against the commit before the parse
(b127d9d), at most 1.5 x.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tidings.bench.ingest_bench import find_shared_corpus
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.run.base import read_articles

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh process: time EventStage().pipe (parse on or off) over the pickled articles.
_TIME = """
import copy, json, pickle, sys, time, warnings
warnings.simplefilter("ignore")
articles = pickle.load(open(sys.argv[1], "rb"))
from tidings.stages.events import EventStage
stage = EventStage() if sys.argv[2] == "parse" else EventStage(parse=False)
stage.pipe(copy.deepcopy(articles))
best = None
for _ in range(3):
    batch = copy.deepcopy(articles)
    start = time.process_time()
    done = stage.pipe(batch)
    seconds = time.process_time() - start
    best = seconds if best is None else min(best, seconds)
if len(sys.argv) > 3:
    import cProfile
    batch = copy.deepcopy(articles)
    cProfile.run("stage.pipe(batch)", sys.argv[3])
print(json.dumps({"seconds": best, "events": sum(len(a.events) for a in done)}))
"""


def analysed(corpus: Path, limit: int) -> list[Article]:
    """The first ``limit`` articles of ``corpus``, through every stage before events."""
    pipeline = Pipeline()
    names = [stage.name for stage in pipeline.stages]
    pipeline.stages = pipeline.stages[: names.index("events")]
    articles: list[Article] = []
    for item in read_articles(corpus, pipeline.settings.ingest):
        if len(articles) >= limit:
            break
        if isinstance(item, Article):
            articles.append(item)
    return pipeline.pipe(articles)


def _run(src: Path, data: Path, mode: str, profile: Path | None = None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    args = [sys.executable, "-c", _TIME, str(data), mode] + ([str(profile)] if profile else [])
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"timing {mode} in {src} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", default=None, help="a commit whose event stage to time")
    parser.add_argument("--profile", type=Path, default=None,
                        help="write a cProfile of one run with the parse here")
    args = parser.parse_args(argv)
    corpus = args.corpus or find_shared_corpus()
    if corpus is None:
        parser.error("no corpus: pass --corpus")
    with tempfile.TemporaryDirectory(prefix="tidings-events-speed-") as tmp:
        articles = analysed(corpus, args.limit)
        sentences = sum(len(a.sentences or []) for a in articles)
        data = Path(tmp) / "articles.pkl"
        data.write_bytes(pickle.dumps(articles))
        variants = [("parse", ROOT / "src", "parse"), ("no parse", ROOT / "src", "no-parse")]
        if args.against:
            old = Path(tmp) / "old"
            old.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.against, "src"],
                                     capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
            variants.append((args.against, old / "src", "parse"))
        best: dict[str, dict[str, Any]] = {}
        for _ in range(args.rounds):
            for name, src, mode in variants:
                result = _run(src, data, mode)
                if name not in best or result["seconds"] < best[name]["seconds"]:
                    best[name] = result
        if args.profile:
            _run(ROOT / "src", data, "parse", args.profile)
    for name, result in best.items():
        seconds = result["seconds"]
        print(f"{name:10s} {seconds:7.3f} s CPU  {sentences / seconds:9.0f} sentences/s  "
              f"{result['events']} events")
    print(f"{len(articles)} articles, {sentences} sentences")
    base = best["parse"]["seconds"]
    for name, result in best.items():
        if name != "parse":
            print(f"parse / {name} = {base / result['seconds']:.2f} x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
