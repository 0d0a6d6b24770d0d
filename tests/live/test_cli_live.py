"""The live commands as users run them (child processes): ``watch --once`` twice, ``status``,
``ingest URL...``, ``--warc`` read back offline, and a watch killed mid-round."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newssite import BY_PATH, NewsSite, page_html, rss

from cli_helpers import run, tidings
from tidings.errors import StoreError
from tidings.live.localsite import Answer, LocalSite
from tidings.queries import ArticleQuery
from tidings.store import open_store


def _stored(db: Path) -> dict[str, dict]:
    with open_store(db, readonly=True) as store:
        return {a["url"]: a for a in store.articles(ArticleQuery.parse(""))}


def _count(db: Path) -> int:
    try:
        with open_store(db, readonly=True) as store:
            return store.count()
    except StoreError:  # not created or not migrated yet
        return 0


def _rounds(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def test_watch_once_twice_fetches_only_what_changed_and_status_shows_the_feeds(
        site: NewsSite, feeds_file: Path, light_config: Path, tmp_path: Path):
    db = str(tmp_path / "w.db")
    args = ("watch", "--feeds", str(feeds_file), "--db", db, "--config", str(light_config),
            "--once", "--no-stories")
    [first] = _rounds(tidings(*args, "--json").stdout)
    assert first["added"] == 7 and first["feeds_polled"] == 11 and len(first["errors"]) == 4
    site.grow()
    before = len(site.log)
    done = tidings(*args)
    assert "11 feeds polled (5 unchanged), 1 new articles" in done.stdout
    assert "[T322]" in done.stderr and "timed out after 1s" in done.stderr
    pages = [e.path for e in site.log[before:] if not e.path.endswith((".xml", ".txt"))]
    assert pages == ["/en/late-news"]
    status = json.loads(run("status", "--db", db, "--json"))
    feeds = {f["url"].removeprefix(site.base): f for f in status["feeds"]}
    assert feeds["/down/rss.xml"]["last_error"] == "HTTP 500 after 3 tries"
    assert feeds["/down/rss.xml"]["failures"] == 2 and feeds["/down/rss.xml"]["next_poll"]
    assert feeds["/grow/rss.xml"]["last_success"] and feeds["/grow/rss.xml"]["articles"] == 2
    shown = run("status", "--db", db)
    assert "feeds: 11 (4 failing)" in shown and "HTTP 500 after 3 tries" in shown


def test_ingest_takes_page_and_feed_urls_and_fetches_nothing_stored_again(
        site: NewsSite, light_config: Path, tmp_path: Path):
    db = str(tmp_path / "i.db")
    args = ("ingest", site.url("/de/bahn"), site.url("/es/atom.xml"), "--db", db,
            "--config", str(light_config), "--no-stories", "--json")
    first = json.loads(tidings(*args).stdout)
    assert first["added"] == 3 and first["articles_in_store"] == 3
    again = json.loads(tidings(*args).stdout)
    assert again["added"] == 0 and again["articles_in_store"] == 3
    assert site.hits("/de/bahn") == site.hits("/es/incendio") == 1
    assert site.hits("/es/atom.xml") == 2  # the second time a conditional GET (304)


def test_ingest_feeds_file_and_a_warc_copy_that_rebuilds_the_store_offline(
        site: NewsSite, light_config: Path, tmp_path: Path):
    listing = tmp_path / "feeds.opml"
    listing.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="World" xmlUrl="{site.url("/en/rss.xml")}"/>'
        f'<outline text="China" xmlUrl="{site.url("/zh/rss.xml")}"/></body></opml>', "utf-8")
    live, offline, warc = tmp_path / "live.db", tmp_path / "offline.db", tmp_path / "warc"
    tidings("ingest", "--feeds", str(listing), "--warc", str(warc), "--db", str(live),
            "--config", str(light_config), "--no-stories")
    assert len(list(warc.glob("*.warc.gz"))) == 1
    tidings("ingest", str(warc), "--db", str(offline), "--config", str(light_config),
            "--no-stories")
    got, back = _stored(live), _stored(offline)
    assert len(got) == 3
    assert {a["id"] for a in back.values()} == {a["id"] for a in got.values()}


@pytest.mark.slow
def test_watch_puts_new_articles_into_stories(site: NewsSite, light_config: Path,
                                              tmp_path: Path):
    listing = tmp_path / "feeds.txt"
    listing.write_text(site.url("/en/rss.xml") + "\n" + site.url("/fr/rss.xml") + "\n")
    db = str(tmp_path / "s.db")
    [report] = _rounds(tidings("watch", "--feeds", str(listing), "--db", db, "--once",
                               "--config", str(light_config), "--json").stdout)
    assert report["added"] == 3
    assert [s["stage"] for s in report["corpus"]["stages"]] == ["dedup", "stories",
                                                                 "storylines"]
    assert report["corpus"]["articles"] == 3
    assert 1 <= json.loads(run("status", "--db", db, "--json"))["stories"] <= 3


def test_a_watch_killed_mid_round_loses_nothing_and_fetches_nothing_twice(
        light_config: Path, tmp_path: Path):
    config = tmp_path / "batch.toml"
    config.write_text(light_config.read_text("utf-8").replace(
        "[live]", "[live]\nbatch = 3\nper_host = 2"), "utf-8")
    story = BY_PATH["/en/late-news"]
    with LocalSite() as site:
        paths = [f"/k/{n}" for n in range(16)]
        for n, path in enumerate(paths):
            html = page_html(story).replace("Bangladesh", f"Bangladesh ({n})").encode()

            def slow(request, html=html):
                time.sleep(0.25)
                return Answer(200, html, {"Content-Type": "text/html; charset=utf-8"})

            site.handler(path, slow)
        site.page("/k/rss.xml", rss("K", [(p, site.url(p)) for p in paths]), etag=True)
        listing = tmp_path / "feeds.txt"
        listing.write_text(site.url("/k/rss.xml") + "\n")
        db = tmp_path / "k.db"
        command = [sys.executable, "-m", "tidings", "watch", "--feeds", str(listing), "--db",
                   str(db), "--config", str(config), "--once", "--no-stories"]
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env={k: v for k, v in os.environ.items()
                                      if k != "TIDINGS_DEBUG"})
        deadline = time.monotonic() + 60
        while _count(db) < 3 and time.monotonic() < deadline:  # a batch is committed
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait()
        first = _stored(db)
        asked_first = {e.path for e in site.log if e.path in paths}
        assert 0 < len(first) < 16, "the kill should fall between two batches"
        before = len(site.log)
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        asked_again = [e.path for e in site.log[before:] if e.path in paths]
        base = site.base
    stored_paths = {url.removeprefix(base) for url in first}
    assert not stored_paths & set(asked_again), "a stored page was fetched again"
    assert len(asked_again) == len(set(asked_again))
    assert set(asked_again) | stored_paths == set(paths)
    assert len(asked_first) >= 3
    final = _stored(db)
    assert sorted(u.removeprefix(base) for u in final) == sorted(paths)


def test_warc_without_urls_or_feeds_is_refused_before_anything_is_read(tmp_path: Path):
    page = tmp_path / "a.txt"
    page.write_text("Lima, 15 Nov. The summit opened with a speech on trade.", "utf-8")
    done = tidings("ingest", str(page), "--warc", str(tmp_path / "warc"),
                   "--db", str(tmp_path / "x.db"), check=False)
    assert done.returncode == 2 and "--warc" in done.stderr
    assert not (tmp_path / "x.db").exists()
