"""Choose the story clusterer's settings on dev gold, keeping a part of it untouched.

    .venv/bin/python training/stories/tune.py            # grid on the tune parts
    .venv/bin/python training/stories/tune.py --check    # the chosen settings on both parts

Each dev file (``../shared/eval/clustering``: ECB+ English, ITN 55 languages) is ingested once
through the default pipeline into a cache store (``/tmp/tidings-stories-tune``), so entities
and dates are what a user's store has. Its gold clusters are cut in two by a hash of the gold
topic (ECB+ ``topic``, ITN ``cluster``, i.e. the Wikidata subject): two thirds *tune*, one
third *check*. The grid runs ``StoryStage.fold`` itself (the stage's own code) over an
in-memory corpus holding only one part's articles, in file order, with the vectors computed
once. Settings are chosen on the tune parts alone; the check parts are scored once, with the
chosen settings, and that is the figure docs/stories.md reports as the one that counts.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from tidings.config import StorySettings, default_settings  # noqa: E402
from tidings.corpus import stories as stories_mod  # noqa: E402
from tidings.corpus.base import CorpusUpdate  # noqa: E402
from tidings.corpus.dedup import DedupStage  # noqa: E402
from tidings.corpus.stories import StoryStage  # noqa: E402
from tidings.evaluate import read_records  # noqa: E402
from tidings.evaluate.tasks.clustering import bcubed, gold_label  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval" / "clustering"
CACHE = Path("/tmp/tidings-stories-tune")
FILES = {"ecbplus": ("ecbplus_dev_en.jsonl", "topic"), "itn": ("itn_dev_multi.jsonl", "cluster")}
GRID = {
    "threshold": [0.4, 0.45, 0.5, 0.55, 0.6],
    "cross_lingual_bonus": [0.0, 0.05, 0.1, 0.15, 0.2],
    "undated_penalty": [0.3],
}


def part(value: str) -> str:
    """``tune`` for two thirds of the gold topics, ``check`` for the rest (stable hash)."""
    digest = hashlib.sha1(value.encode()).digest()[0]
    return "check" if digest % 3 == 0 else "tune"


class MemoryCorpus:
    """The corpus methods ``StoryStage.fold`` uses, over dicts: one part's articles."""

    def __init__(self, copies: dict[int, tuple[int, float]]) -> None:
        self.copies = copies
        self.members: dict[int, str] = {}
        self.feats: dict[int, dict[str, Any]] = {}
        self.spans: dict[str, tuple[int, int]] = {}

    def index_path(self, name: str) -> None:
        return None

    def vector_count(self) -> tuple[int, int]:
        return 0, 0

    def vectors(self, rowids: Any = None) -> list[Any]:
        return []

    def canonicals(self, rowids: list[int]) -> dict[int, tuple[int, float]]:
        return {r: self.copies[r] for r in rowids if r in self.copies}

    def story_of(self, rowids: list[int]) -> dict[int, str]:
        return {r: self.members[r] for r in rowids if r in self.members}

    def placed(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        return {r: {"story": self.members[r], **self.feats[r]} for r in rowids
                if r in self.feats and r in self.members}

    def story_days(self, stories: list[str]) -> dict[str, tuple[int, int]]:
        return {s: self.spans[s] for s in stories if s in self.spans}

    def write_member(self, rowid: int, story: str, score: float, via: Any, signals: Any,
                     version: str, day: int | None = None) -> None:
        self.members[rowid] = story
        if day is not None:
            first, last = self.spans.get(story, (day, day))
            self.spans[story] = (min(first, day), max(last, day))

    def write_vector(self, rowid: int, vector: bytes, model: str, features: dict) -> None:
        self.feats[rowid] = features


def load(name: str) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """The stored articles of one dev file (cached store), gold labels and parts by id."""
    from tidings.pipeline import Pipeline
    from tidings.run import ingest
    from tidings.store import open_store

    file, topic_field = FILES[name]
    records = list(read_records(SHARED / file))
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"{name}.db"
    jsonl = CACHE / f"{name}.jsonl"
    if not db.exists():
        with open(jsonl, "w", encoding="utf-8") as handle:
            for r in records:
                handle.write(json.dumps({k: r.get(k) for k in ("id", "lang", "date", "title",
                                                                 "text")}) + "\n")
        with open_store(db) as store:
            ingest([str(jsonl)], store, Pipeline())
    with open_store(db) as store:
        articles = store.corpus.pending(0, 10**9)
    gold = {str(r["id"]): gold_label(r) for r in records}
    parts = {str(r["id"]): part(str(r.get(topic_field) or r["cluster"])) for r in records}
    return articles, gold, parts


def copies_of(articles: list[dict[str, Any]]) -> dict[int, tuple[int, float]]:
    """Near-duplicate groups over all articles (dedup's own code, in memory)."""
    found: dict[int, tuple[int, float]] = {}

    class Dedup:
        def __init__(self) -> None:
            self.keys: dict[int, list[int]] = {}
            self.sigs: dict[int, tuple[bytes, int, int]] = {}

        def band_matches(self, keys: list[int]) -> list[int]:
            return sorted({r for k in keys for r in self.keys.get(k, [])})

        def signatures(self, rowids: list[int]) -> dict[int, tuple[bytes, int, int]]:
            return {r: self.sigs[r] for r in rowids}

        def write_duplicate(self, rowid, canonical, similarity, shingles, signature, keys,
                            version) -> None:
            for k in keys:
                self.keys.setdefault(k, []).append(rowid)
            self.sigs[rowid] = (signature, shingles, canonical)
            found[rowid] = (canonical, similarity)

    DedupStage(default_settings().dedup).fold(Dedup(), articles, CorpusUpdate("dedup"))
    return found


class ExactIndex:
    """The index interface ``StoryStage`` uses, answered exactly and remembered across runs:
    the neighbours of an article among the earlier ones of its part do not depend on the
    settings, so the grid computes them once."""

    answers: ClassVar[dict[tuple[bytes, int, int], list[tuple[int, float]]]] = {}

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.rows: list[np.ndarray] = []

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: int, vector: np.ndarray) -> None:
        self.keys.append(key)
        self.rows.append(np.asarray(vector, dtype=np.float32))

    def search(self, vector: np.ndarray, count: int) -> list[tuple[int, float]]:
        ask = (np.asarray(vector, dtype=np.float32).tobytes(), count, len(self.keys))
        if ask not in self.answers:
            if not self.keys:
                return []
            sims = np.stack(self.rows) @ np.asarray(vector, dtype=np.float32)
            order = np.argsort(-sims, kind="stable")[:count]
            self.answers[ask] = sorted(((self.keys[i], float(sims[i])) for i in order),
                                       key=lambda kd: (-round(kd[1], 6), kd[0]))
        return self.answers[ask]


def run(articles: list[dict[str, Any]], copies: dict[int, tuple[int, float]],
        settings: StorySettings) -> dict[int, str]:
    corpus = MemoryCorpus(copies)
    stage = StoryStage(settings)
    stage.index = ExactIndex()  # type: ignore[assignment]
    stage.fold(corpus, articles, CorpusUpdate("stories"))
    return corpus.members


def cached_embed() -> None:
    """Compute each lead's vector once across the grid."""
    seen: dict[str, np.ndarray] = {}
    original = stories_mod.embed

    def embed(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in seen]
        if missing:
            seen.update(zip(missing, original(missing), strict=True))
        return np.stack([seen[t] for t in texts]) if texts else np.zeros((0, 512), np.float32)

    stories_mod.embed = embed


def figure(articles, gold, parts, copies, settings, which: str) -> float:
    chosen = [a for a in articles if parts.get(a["record_id"]) == which]
    members = run(chosen, copies, settings)
    truth = {a["record_id"]: gold[a["record_id"]] for a in chosen}
    mine = {a["record_id"]: members.get(a["rowid"], f"alone:{a['rowid']}") for a in chosen}
    return bcubed(truth, mine)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="score the chosen (packaged) settings on the check parts too")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="score these settings (over the packaged ones) on the tune parts")
    args = parser.parse_args()
    cached_embed()
    data = {}
    for name in FILES:
        articles, gold, parts = load(name)
        data[name] = (articles, gold, parts, copies_of(articles))
    base = default_settings().stories
    for item in args.set:
        key, value = item.split("=", 1)
        base = replace(base, **{key: type(getattr(base, key))(value)})
    if args.set and not args.check:
        for name, (articles, gold, parts, copies) in data.items():
            print(f"{name:8} tune  bcubed_f1 "
                  f"{figure(articles, gold, parts, copies, base, 'tune'):.4f}")
        return
    if args.check:
        for name, (articles, gold, parts, copies) in data.items():
            for which in ("tune", "check"):
                f1 = figure(articles, gold, parts, copies, base, which)
                print(f"{name:8} {which:5} bcubed_f1 {f1:.4f}")
        return
    results = []
    keys = list(GRID)
    for number, values in enumerate(itertools.product(*GRID.values())):
        if number % 50 == 0:
            print(f"{number} settings tried", file=sys.stderr, flush=True)
        settings = replace(base, **dict(zip(keys, values, strict=True)))
        f1s = {n: figure(a, g, p, c, settings, "tune") for n, (a, g, p, c) in data.items()}
        results.append((sum(f1s.values()) / len(f1s), f1s, dict(zip(keys, values, strict=True))))
    results.sort(key=lambda r: -r[0])
    for mean, f1s, values in results[:15]:
        print(f"{mean:.4f}", {k: round(v, 4) for k, v in f1s.items()}, values)


if __name__ == "__main__":
    main()
