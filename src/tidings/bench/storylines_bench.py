"""``tidings bench storylines``: what updating storylines costs after an ingest, at two or more
store sizes: it should grow with the new stories, not with the store.

Each size runs in its own process. A store of N articles (Reuters-21578 wires as text) is
written with generated analysis: each article is about one of 300 country pairs (a few pairs
far more often than most, as in news) and names the two countries, one person of each and a
place, with one event from one side to the other, dated the article's day; its story vector
is its pair's direction plus noise (so themes form). The corpus update folds the first N in
(not timed), then the next ``new`` articles are stored and folded, and that update is timed
per corpus stage. Rows: ms per new article for the storylines stage and, as the baseline of
the same run, for dedup + stories; ``x_first`` against the smallest size (flat: about 1).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tidings.bench.ingest_bench import _measure, bench_corpus

SIZES = (10_000, 50_000)
NEW = 1_000

_STEP = """
import hashlib, json, random, resource, sys, time
import numpy as np
from tidings.corpus.update import update
from tidings.model import Actor, Article, Entity, Event
from tidings.store import open_store
src, db, size, new = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(17)
wires = [r for r in map(json.loads, open(src, encoding="utf-8")) if len(r.get("text") or "") > 200]
import pycountry
codes = [c.alpha_3 for c in list(pycountry.countries)[:60]]
pairs = [tuple(rng.sample(codes, 2)) for _ in range(300)]
weights = [1.0 / (k + 1) for k in range(len(pairs))]
types = ["CONSULT", "AGREE", "ACCUSE", "THREATEN", "ASSAULT", "AID", "PROTEST", "SUPPORT"]
directions = {p: np.random.default_rng(k).standard_normal(512) for k, p in enumerate(pairs)}

def article(n):
    w = wires[n % len(wires)]
    a, b = rng.choices(pairs, weights)[0]
    text = w["text"]
    people = [Entity(id=f"per:{c.lower()}-{n % 7}", name=f"Leader {c} {n % 7}", type="PER",
                     country=c, actor=c + "GOV", mentions=[0, 1]) for c in (a, b)]
    ents = [Entity(id=c, name=c, type="LOC", country=c, actor=c, mentions=[0, 1, 2])
            for c in (a, b)] + people + [Entity(id=f"geo:{a}-capital", name=f"{a} city",
                                                type="LOC", country=a, mentions=[0])]
    src_actor = Actor(0, 5, people[0].name, entity_id=people[0].id, code=a + "GOV", country=a)
    tgt_actor = Actor(6, 9, b, entity_id=b, code=b, country=b)
    ev = Event(type=rng.choice(types), source=[src_actor], target=[tgt_actor],
               date=(w.get("date") or "")[:10] or None, confidence=0.9)
    art = Article(text=text, title=f"{w['title']} #{n}", published=w["date"], source=f"w{n}")
    art.lang, art.entities, art.events = "en", ents, [ev]
    return art, (a, b)

made = [article(n) for n in range(size + new)]
pair_of = {}
def vectors(texts):
    out = []
    for t in texts:
        pair = pair_of.get(t.split("\\n")[0])
        base = directions.get(pair, np.zeros(512))
        seed = int.from_bytes(hashlib.blake2b(t[:200].encode(), digest_size=8).digest(), "little")
        v = base + 3.0 * np.random.default_rng(seed).standard_normal(512)
        out.append((v / np.linalg.norm(v)).astype(np.float32))
    return np.stack(out) if out else np.zeros((0, 512), np.float32)
for art, pair in made:
    pair_of[art.title] = pair
with open_store(db) as store:
    for i in range(0, size, 1000):
        store.write([a for a, _ in made[i:min(size, i + 1000)]])
    update(store, embedder=vectors)
    store.write([a for a, _ in made[size:]])
    t = time.perf_counter()
    report = update(store, embedder=vectors)
    s = time.perf_counter() - t
    status = store.status()
stages = {u.stage: u.seconds for u in report.stages}
print(json.dumps({"articles": report.articles, "seconds": s, "stages": stages,
                  "stories": status["stories"], "dyads": status["dyad_storylines"],
                  "themes": status["theme_storylines"],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(corpus: Path | None = None, sizes: tuple[int, ...] = SIZES, new: int = NEW
        ) -> list[dict[str, Any]]:
    """Two rows per size: the storylines stage and dedup + stories on the same ``new``
    articles, each ``{name, articles, seconds, ms_per_article, x_first, ...}``."""
    corpus = bench_corpus(corpus)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tidings-bench-storylines-") as tmp:
        for index, size in enumerate(sizes):
            result = _measure(_STEP, str(corpus), str(Path(tmp) / f"{index}.db"), str(size),
                              str(new))
            stages = result.pop("stages")
            common = {"articles": result["articles"], "stories": result["stories"],
                      "peak_rss_mb": round(result["peak_rss_mb"], 1)}
            rows.append({"name": f"storylines, {new:,} new on {size:,}", "vectors": "paired",
                         "seconds": round(stages["storylines"], 2), **common,
                         "dyads": result["dyads"], "themes": result["themes"]})
            rows.append({"name": f"dedup + stories, {new:,} new on {size:,}",
                         "vectors": "paired",
                         "seconds": round(stages["dedup"] + stages["stories"], 2), **common})
    for row in rows:
        row["ms_per_article"] = round(1000 * row["seconds"] / max(1, row["articles"]), 2)
    for kind in ("storylines", "dedup + stories"):
        mine = [r for r in rows if r["name"].startswith(kind)]
        for row in mine:
            row["x_first"] = round(row["ms_per_article"] / (mine[0]["ms_per_article"] or 1e-9),
                                   2)
    for line, base in zip(rows[::2], rows[1::2], strict=True):
        line["x_stories"] = round(line["seconds"] / (base["seconds"] or 1e-9), 3)
    return rows
