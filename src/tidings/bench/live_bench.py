"""``tidings bench live``: live feeds end to end from a site on 127.0.0.1, and what an
unchanged round costs.

A local site (``tidings.live.LocalSite``) serves ``feeds`` RSS feeds (ETag-aware) sharing
``articles`` pages of generated news in English, Spanish and German. Rows:
- baseline: the same pages read from files by ``tidings ingest`` (the local runner, one
  process), then the corpus stages, into a store of their own: the cost without HTTP (the
  models of the stages and of the corpus stages are loaded before anything is timed; the
  baseline and round 1 alternate ``repeats`` times, the fastest of each kept);
- round 1: ``watch --once`` on a new store: robots.txt, every feed, every page, the pipeline,
  the writes and the corpus stages (stories, storylines), as articles/s and x baseline time;
- round 2: the same feeds, unchanged: the requests the server saw (it should be one
  conditional GET per feed, each answered 304, and nothing else).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

FEEDS = 50

_PLACES = [("en", "Lisbon", "Portugal"), ("en", "Nairobi", "Kenya"), ("en", "Hanoi", "Vietnam"),
           ("es", "Lima", "Perú"), ("es", "Bogotá", "Colombia"), ("de", "Wien", "Österreich")]
_TEXT = {
    "en": ("Officials in {city} said on {day} that {n} people had been moved after floods hit "
           "{country}. The government promised aid worth {m} million dollars. Opposition "
           "leaders criticised the response and called for an inquiry."),
    "es": ("Las autoridades de {city} dijeron el {day} que {n} personas fueron evacuadas tras "
           "las inundaciones en {country}. El gobierno prometió ayuda por {m} millones de "
           "dólares. La oposición pidió una investigación."),
    "de": ("Die Behörden in {city} teilten am {day} mit, dass {n} Menschen nach dem Hochwasser "
           "in {country} in Sicherheit gebracht wurden. Die Regierung versprach Hilfe in Höhe "
           "von {m} Millionen Euro. Die Opposition forderte eine Untersuchung."),
}
_DAYS = {"en": "Monday", "es": "lunes", "de": "Montag"}


def _page(k: int, rng: random.Random) -> tuple[str, str]:
    lang, city, country = _PLACES[k % len(_PLACES)]
    body = _TEXT[lang].format(city=city, country=country, day=_DAYS[lang],
                              n=rng.randint(100, 90_000), m=rng.randint(2, 900))
    title = f"{city}: {k}"
    html = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
            f'</title><meta property="article:published_time" content="2026-11-{1 + k % 28:02d}">'
            f"</head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>")
    return f"/news/{k}", html


def _rss(links: list[str], base: str) -> str:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in links)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}'
            "</channel></rss>")


def run(articles: int = 200, feeds: int = FEEDS, config: Path | None = None,
        repeats: int = 2) -> dict[str, Any]:
    """Measure; returns ``{"rows": [...], "unchanged_round": {...}}``. The baseline and round
    1 run ``repeats`` times, alternating, and the fastest of each is kept (a shared machine's
    bursts of load then spoil neither)."""
    import dataclasses

    from tidings.config import load_settings
    from tidings.live import LocalSite, read_feed_list
    from tidings.pipeline import Pipeline

    settings = load_settings(config)
    settings = dataclasses.replace(settings, live=dataclasses.replace(
        settings.live, delay_s=0.0, per_host=8, every_s=60.0))
    pipeline = Pipeline(settings=settings)
    rng = random.Random(19)
    pages = [_page(k, rng) for k in range(articles)]
    with tempfile.TemporaryDirectory(prefix="tidings-live-bench-") as tmp, LocalSite() as site:
        folder = Path(tmp, "pages")
        folder.mkdir()
        for path, html in pages:
            site.page(path, html)
            (folder / (path.rsplit("/", 1)[1] + ".html")).write_text(html, "utf-8")
        listing = Path(tmp, "feeds.txt")
        lines = []
        for f in range(feeds):
            links = [p for k, (p, _) in enumerate(pages) if k % feeds == f]
            site.page(f"/feed/{f}.xml", _rss(links, site.base), "application/rss+xml",
                      etag=True)
            lines.append(site.url(f"/feed/{f}.xml"))
        listing.write_text("\n".join(lines) + "\n", "utf-8")
        entries = read_feed_list(listing)
        # the stages' and the corpus stages' models load before anything is timed
        _from_files([str(folder / "0.html")], Path(tmp, "warm.db"), pipeline)
        base: list[tuple[float, int]] = []
        live: list[tuple[float, int, int]] = []
        for n in range(max(1, repeats)):
            base.append(_from_files([str(folder)], Path(tmp, f"files{n}.db"), pipeline))
            live.append(_live(entries, Path(tmp, f"live{n}.db"), pipeline))
        base_s, added = min(base)
        live_s, live_added, requests = min(live)
        unchanged = _unchanged_round(entries, Path(tmp, "live0.db"), pipeline, site)
    rows = [_row("files: the same pages from disk (baseline)", added, base_s, base_s),
            _row("live round 1: feeds, pages, pipeline, corpus stages", live_added, live_s,
                 base_s, requests=requests),
            {"name": f"live round 2: {feeds} unchanged feeds", "articles": 0,
             "seconds": unchanged["seconds"], "requests": unchanged["requests"]}]
    return {"rows": rows, "unchanged_round": unchanged, "repeats": max(1, repeats)}


def _from_files(paths: list[str], db: Path, pipeline: Any) -> tuple[float, int]:
    from tidings import service
    from tidings.run import ingest
    from tidings.store import open_store

    started = time.perf_counter()
    with open_store(db, settings=pipeline.settings.store) as store:
        report = ingest(paths, store, pipeline, workers=1)
        service.update_stories(store, pipeline.settings)
    return time.perf_counter() - started, report.added


def _live(entries: list[Any], db: Path, pipeline: Any) -> tuple[float, int, int]:
    from tidings import service
    from tidings.live.engine import LiveRun
    from tidings.store import open_store

    started = time.perf_counter()
    with open_store(db, settings=pipeline.settings.store) as store:
        run = LiveRun(store, pipeline, pipeline.settings.live)
        try:
            report = run.poll(entries, every_feed=True)
        finally:
            run.close()
        service.update_stories(store, pipeline.settings)
    return time.perf_counter() - started, report.added, report.requests


def _unchanged_round(entries: list[Any], db: Path, pipeline: Any, site: Any) -> dict[str, Any]:
    """A second round on the store of the first: the requests the server saw."""
    from tidings.live.engine import LiveRun
    from tidings.store import open_store

    with open_store(db, settings=pipeline.settings.store) as store:
        run = LiveRun(store, pipeline, pipeline.settings.live)
        try:
            before = len(site.log)
            report = run.poll(entries, every_feed=True)
            seen = site.log[before:]
        finally:
            run.close()
    return {"feeds": len(entries), "requests": len(seen),
            "conditional": sum(1 for e in seen if e.conditional),
            "answered_304": sum(1 for e in seen if e.status == 304),
            "other": sum(1 for e in seen if not e.path.startswith("/feed/")),
            "added": report.added, "seconds": round(report.seconds, 3)}


def _row(name: str, articles: int, seconds: float, baseline: float,
         requests: int | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"name": name, "articles": articles, "seconds": round(seconds, 3),
                           "articles_per_s": round(articles / seconds, 1) if seconds else None,
                           "x_baseline_time": round(seconds / baseline, 2) if baseline else None}
    if requests is not None:
        row["requests"] = requests
    return row


def print_report(console: Any, result: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="tidings bench live (local site on 127.0.0.1)")
    for column in ("step", "articles", "s", "articles/s", "x baseline time", "requests"):
        table.add_column(column)
    for row in result["rows"]:
        table.add_row(row["name"], str(row["articles"]), f"{row['seconds']:.2f}",
                      str(row.get("articles_per_s", "")), str(row.get("x_baseline_time", "")),
                      str(row.get("requests", "")))
    console.print(table)
    u = result["unchanged_round"]
    verdict = "as it should" if u["requests"] == u["conditional"] == u["answered_304"] == u[
        "feeds"] and not u["other"] else "MORE THAN IT SHOULD"
    console.print(f"unchanged round: {u['requests']} requests for {u['feeds']} feeds, "
                  f"{u['conditional']} conditional, {u['answered_304']} answered 304, "
                  f"{u['other']} to other paths: {verdict}")
