"""``tidings bench stories``: what the corpus stages (near-duplicates + story assignment) cost
per article as the store grows, and their peak memory, against a baseline in the same run.

Articles are Reuters-21578 wires (real text) plus generated near-copies (one in five: a line
of boilerplate added, the last lines cut, or a sentence appended), written straight into a
fresh store; past the corpus's 21,578 wires, articles are new mixes of lines of three wires.
Each size runs in its own process, so its peak resident memory is its own.

Vectors: the ``use`` rows embed every article with USE-multilingual, as ingest does; the
``random`` rows (the scaling rows) give each article a seeded random unit vector, a copy its
original's plus noise, so that they measure the index, the store and the clusterer rather than
the encoder. The ``ingest`` row is the per-article pipeline on the same wires, for the ratio
the corpus stages add to it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from tidings.bench.ingest_bench import _measure, bench_corpus

SIZES = (1_000, 10_000, 100_000)

_STEP = """
import hashlib, json, random, resource, sys, time
import numpy as np
from tidings.corpus.update import update
from tidings.model import Article
from tidings.store import open_store
src, db, size, vectors = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rng = random.Random(14)
wires = []
with open(src, encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        if len(r.get("text") or "") > 200:
            wires.append(r)
articles, origin = [], {}
n = 0
while len(articles) < size:
    if n < len(wires):
        r = wires[n]
        text, title, date = r["text"], r["title"], r["date"]
    else:
        parts = [rng.choice(wires)["text"].split("\\n") for _ in range(3)]
        text = "\\n".join(line for p in parts for line in p[: len(p) // 2 + 1])
        title, date = f"MIX {n}", wires[n % len(wires)]["date"]
    n += 1
    a = Article(text=text, title=title, published=date, source=f"w{n}")
    articles.append(a)
    if rng.random() < 0.2 and len(articles) < size:
        lines = text.split("\\n")
        kind = rng.choice(["boiler", "cut", "more"])
        copy = ("(Editing by the desk)\\n" + text if kind == "boiler" else
                "\\n".join(lines[: max(3, int(len(lines) * 0.7))]) if kind == "cut" else
                text + "\\nThe company did not comment.")
        c = Article(text=copy, title="UPDATE 1-" + title, published=date, source=f"c{n}")
        articles.append(c)
        origin[c.source] = a.source

def seeded(text):
    seed = int.from_bytes(hashlib.blake2b(text[:200].encode(), digest_size=8).digest(), "little")
    v = np.random.default_rng(seed).standard_normal(512).astype(np.float32)
    return v / np.linalg.norm(v)

def random_vectors(texts):
    return np.stack([seeded(t) for t in texts]) if texts else np.zeros((0, 512), np.float32)

with open_store(db) as store:
    for i in range(0, len(articles), 1000):
        store.write(articles[i:i + 1000])
    t = time.perf_counter()
    report = update(store, embedder=random_vectors if vectors == "random" else None)
    s = time.perf_counter() - t
    status = store.status()
print(json.dumps({"articles": report.articles, "seconds": s,
                  "stories": status["stories"], "duplicates": status["duplicates"],
                  "copies_made": len(origin),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(corpus: Path | None = None, sizes: tuple[int, ...] = SIZES,
        ingest_baseline: int = 1000) -> list[dict[str, Any]]:
    """Rows ``{name, vectors, articles, seconds, ms_per_article, peak_rss_mb, ...}``; the
    first is the per-article pipeline's ingest of ``ingest_baseline`` wires (0: no such row),
    the rest the corpus update at each size. ``x_first`` is ms per article against the
    smallest size with the same vectors (flat growth: about 1)."""
    from tidings.bench.ingest_bench import _TIDINGS

    corpus = bench_corpus(corpus)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tidings-bench-stories-") as tmp:
        if ingest_baseline:
            sample = Path(tmp) / "sample.jsonl"
            with open(corpus, encoding="utf-8") as src, sample.open("w", encoding="utf-8") as d:
                kept = 0
                for line in src:
                    if len(json.loads(line).get("text") or "") > 200:
                        d.write(line)
                        kept += 1
                    if kept >= ingest_baseline:
                        break
            result = _measure(_TIDINGS, str(sample), str(Path(tmp) / "ingest.db"), "*")
            rows.append({"name": "ingest (per-article pipeline)", "vectors": "-", **result})
        plan = [(sizes[0], "use"), *((n, "random") for n in sizes)]
        for index, (size, vectors) in enumerate(plan):
            result = _measure(_STEP, str(corpus), str(Path(tmp) / f"{index}.db"), str(size),
                              vectors)
            rows.append({"name": f"dedup + stories, {size:,} articles", "vectors": vectors,
                         **result})
    for row in rows:
        row["ms_per_article"] = round(1000 * row["seconds"] / max(1, row["articles"]), 2)
        row["seconds"] = round(row["seconds"], 2)
        row["peak_rss_mb"] = round(row["peak_rss_mb"], 1)
    first = {r["vectors"]: r["ms_per_article"] for r in reversed(rows)}
    for row in rows:
        if row["vectors"] != "-":
            row["x_first"] = round(row["ms_per_article"] / (first[row["vectors"]] or 1e-9), 2)
    if ingest_baseline and len(rows) > 1:
        rows[1]["x_ingest"] = round(rows[1]["ms_per_article"] / rows[0]["ms_per_article"], 3)
    return rows
