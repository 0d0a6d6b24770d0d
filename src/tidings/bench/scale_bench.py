"""``tidings bench scale``: the whole pipeline against plain spaCy small, in one language and in
several, how speed and search latency hold as the store grows, and what hostile input costs.

Every measurement runs in a fresh Python process, so its peak memory is its own (a pool's
workers are reported apart: the largest one's peak).

- **english**: the first ``limit`` Reuters-21578 wires. Plain spaCy small (``en_core_web_sm``,
  every component, ``nlp.pipe`` with as many processes as we have workers) against tidings'
  whole ingest (every per-article stage in a pool of the same number of workers, then the
  corpus stages: near-duplicates, stories, storylines) into a fresh SQLite store.
- **mixed**: the German 10kGNAD test articles plus our demo corpus (six languages), repeated
  with an edition line so that the copies are new articles. Plain spaCy runs the small model
  of each text's language where one exists (en, es, fr) and ``en_core_web_sm`` for the others
  (de, zh, pt: what a spaCy user without those models would run).
- **growth**: ``sizes`` articles each (Reuters repeated; each repeat gets an edition line and
  its numbers changed, so it is a new article, not a byte copy): articles/s of the whole
  ingest, store bytes per article, and the p50/p99 of 200 searches by words on the result
  (one or two words of the titles, drawn as often as they occur; 20 hits a page).
- **hostile**: one text on a single line (1 MB and 4.5 MB), 4.5 MB of NUL bytes, and 4.5 MB
  of one repeated word, each ingested alone in one process: seconds and peak memory, and
  both per MB.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidings.bench.ingest_bench import _measure, bench_corpus, find_shared_corpus

SIZES = (2_000, 20_000, 100_000)
GERMAN = "gnad10k_test_de.jsonl"
Log = Callable[[str], None]

_PLAIN = """
import importlib, json, resource, sys, time, warnings
from collections import defaultdict
from tidings.stages.entities.ner import MODELS
src, procs = sys.argv[1], int(sys.argv[2])
warnings.simplefilter("ignore")
models = {lang: importlib.import_module(name) for lang, (kind, name) in MODELS.items()
          if kind == "package"}
by_lang = defaultdict(list)
with open(src, encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        by_lang[r.get("lang") if r.get("lang") in models else "en"].append(r["text"])
nlps = {lang: models[lang].load() for lang in by_lang}
t = time.perf_counter()
for lang, texts in by_lang.items():
    for _ in nlps[lang].pipe(texts, n_process=procs, batch_size=64):
        pass
s = time.perf_counter() - t
usage = resource.getrusage
print(json.dumps({"articles": sum(map(len, by_lang.values())), "seconds": s,
                  "peak_rss_mb": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

_WHOLE = """
import json, os, random, resource, sys, time
from tidings import service
from tidings.config import load_settings
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery
from tidings.run import ingest
from tidings.store import open_store
src, db, workers, searches = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
settings = load_settings()
t = time.perf_counter()
with open_store(db) as store:
    report = ingest([src], store, Pipeline(settings=settings), workers=workers)
    per_article = time.perf_counter() - t
    service.update_stories(store, settings)
s = time.perf_counter() - t
size = sum(os.path.getsize(db + end) for end in ("", "-wal") if os.path.exists(db + end))
words = []  # the words of the titles, as often as they occur: common words come up often
with open(src, encoding="utf-8") as f:
    for line in f if searches else ():
        title = json.loads(line).get("title") or ""
        words += [w for w in (w.strip(".,:;()\\"'").lower() for w in title.split())
                  if len(w) >= 4 and w.isalpha()]
rng = random.Random(18)
times, hits = [], 0
with open_store(db, readonly=True) as store:
    for n in range(searches):
        q = rng.choice(words) if n % 2 else f"{rng.choice(words)} {rng.choice(words)}"
        started = time.perf_counter()
        hits += bool(service.search(store, ArticleQuery.parse(q, limit=20)))
        times.append((time.perf_counter() - started) * 1000)
times.sort()
usage = resource.getrusage
print(json.dumps({"articles": report.added, "rejects": len(report.rejects), "seconds": s,
                  "per_article_seconds": per_article, "store_bytes": size,
                  "search_p50_ms": times[len(times) // 2] if times else None,
                  "search_p99_ms": times[int(len(times) * 0.99)] if times else None,
                  "searches_with_hits": hits,
                  "peak_rss_mb": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _wires(corpus: Path, count: int, min_chars: int = 200) -> list[dict[str, Any]]:
    out = []
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if len(record.get("text") or "") >= min_chars:
                out.append(record)
                if len(out) >= count:
                    break
    return out


def _edition(record: dict[str, Any], copy: int, rng: random.Random) -> dict[str, Any]:
    """A new article from ``record``: an edition line, and for a copy its numbers changed."""
    if copy == 0:
        return record
    text = "".join(str((int(c) + copy) % 10) if c.isdigit() and rng.random() < 0.5 else c
                   for c in record["text"])
    return {**record, "id": f"{record.get('id')}/ed{copy}",
            "text": f"Edition {copy}.\n{text}"}


def _write(records: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def grown(wires: list[dict[str, Any]], size: int, seed: int = 18) -> list[dict[str, Any]]:
    """``size`` articles: the wires, then editions of them until there are enough."""
    rng = random.Random(seed)
    return [_edition(wires[n % len(wires)], n // len(wires), rng) for n in range(size)]


def _demo_records() -> list[dict[str, Any]]:
    """The demo corpus's articles (our own, six languages) as records."""
    from tidings.config import load_settings
    from tidings.demo import demo_corpus
    from tidings.ingest.readers import expand_inputs, read_source
    from tidings.model import Article

    settings = load_settings().ingest
    items, _missing = expand_inputs([str(demo_corpus())], settings)
    out = []
    for item in items:
        for found in read_source(item, settings):
            if isinstance(found, Article) and found.text:
                out.append({"id": found.source, "lang": found.lang, "title": found.title or "",
                            "text": found.text, "date": found.published})
    return out


def _pair(name: str, plain: dict[str, Any], whole: dict[str, Any], workers: int) -> list[dict]:
    base = {"name": f"{name}: plain spaCy small, nlp.pipe, {workers} processes", **plain}
    row = {"name": f"{name}: tidings, every stage + stories, {workers} workers", **whole}
    row["x_plain_spacy_time"] = round(whole["seconds"] / (plain["seconds"] or 1e-9), 2)
    return [base, row]


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    seconds = row.get("seconds") or 1e-9
    row["articles_per_s"] = round(row["articles"] / seconds, 1)
    if row.get("store_bytes") and row.get("articles"):
        row["store_kb_per_article"] = round(row["store_bytes"] / row["articles"] / 1024, 1)
    for key, value in list(row.items()):
        if isinstance(value, float):
            row[key] = round(value, 3 if key.endswith("seconds") else 1)
    return row


def run(corpus: Path | None = None, sizes: tuple[int, ...] = SIZES, limit: int = 1000,
        workers: int = 2, parts: tuple[str, ...] = ("english", "mixed", "growth", "hostile"),
        log: Log = print) -> list[dict[str, Any]]:
    """The rows of the parts asked for (see the module's text)."""
    corpus = bench_corpus(corpus)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tidings-scale-") as tmp:
        work = Path(tmp)
        if "english" in parts:
            log(f"english: {limit} wires, plain spaCy then tidings")
            src = _write(_wires(corpus, limit), work / "english.jsonl")
            plain = _measure(_PLAIN, str(src), str(workers))
            whole = _measure(_WHOLE, str(src), str(work / "english.db"), str(workers), "200")
            rows += _pair("english", plain, whole, workers)
        german = find_shared_corpus(GERMAN)
        if "mixed" in parts and german is not None:
            log("mixed: 10kGNAD German + the demo corpus repeated")
            demo = _demo_records()
            records = _wires(german, limit) + grown(demo, max(len(demo), limit // 2))
            src = _write(records, work / "mixed.jsonl")
            plain = _measure(_PLAIN, str(src), str(workers))
            whole = _measure(_WHOLE, str(src), str(work / "mixed.db"), str(workers), "200")
            rows += _pair("mixed", plain, whole, workers)
        if "growth" in parts:
            wires = _wires(corpus, 25_000)
            for size in sizes:
                log(f"growth: {size} articles")
                src = _write(grown(wires, size), work / f"grow-{size}.jsonl")
                whole = _measure(_WHOLE, str(src), str(work / f"grow-{size}.db"), str(workers),
                                 "200")
                rows.append({"name": f"growth: {size} articles, {workers} workers", **whole})
                log(f"  {json.dumps(rows[-1])}")  # a long run's rows survive an interruption
                (work / f"grow-{size}.db").unlink(missing_ok=True)
        if "hostile" in parts:
            rows += _hostile(work, log)
    return [_finish(row) for row in rows]


_LINE = "Die Regierung in Lima teilte mit, dass der Hafen wächst. "  # 58 bytes
_HOSTILE = {  # under [ingest] max_chars (5,000,000), so each is read and analysed
    "one 1 MB line": lambda: _LINE * 17_000,
    "one 4.5 MB line": lambda: _LINE * 78_000,
    "4.5 MB of NUL bytes": lambda: "\x00" * 4_500_000,
    "4.5 MB of one word": lambda: "Peru " * 900_000,
}


def _hostile(work: Path, log: Log) -> list[dict[str, Any]]:
    rows = []
    for name, make in _HOSTILE.items():
        log(f"hostile: {name}")
        text = make()
        path = work / "hostile.txt"
        path.write_text(text, encoding="utf-8")
        mb = path.stat().st_size / 1e6
        result = _measure(_WHOLE, str(path), str(work / "hostile.db"), "1", "0")
        (work / "hostile.db").unlink(missing_ok=True)
        result["seconds_per_mb"] = result["seconds"] / mb
        result["peak_rss_mb_per_mb"] = result["peak_rss_mb"] / mb
        rows.append({"name": f"hostile: {name} ({mb:.1f} MB)", **result})
    return rows
